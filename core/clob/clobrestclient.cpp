#include "clobrestclient.h"

#include "clobheaders.h"
#include "ethkey.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace polymon {

ClobRestClient::ClobRestClient(const QUrl &base, quint64 chainId, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_chainId(chainId)
{
}

qint64 ClobRestClient::serverNowS() const
{
    return QDateTime::currentSecsSinceEpoch() + m_offsetS;
}

QString ClobRestClient::describe(int status, const QByteArray &body)
{
    const QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
    return QStringLiteral("HTTP %1: %2").arg(status).arg(message.isEmpty() ? QString::fromUtf8(body.left(200)) : message);
}

void ClobRestClient::send(const QString &method, const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers,
                          const QByteArray &body, const Handler &handler)
{
    QUrl url = m_base;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("polymon/0.1"));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
    connect(reply, &QNetworkReply::finished, this, [reply, handler] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) { // no HTTP answer at all: timeout, refused, unreachable
            handler(0, reply->errorString().toUtf8());
            return;
        }
        handler(status, reply->readAll());
    });
}

void ClobRestClient::syncTime()
{
    const qint64 sentS = QDateTime::currentSecsSinceEpoch();
    send(QStringLiteral("GET"), QStringLiteral("/time"), {}, {}, [this, sentS](int status, const QByteArray &body) {
        bool ok = false;
        const qint64 server = body.trimmed().toLongLong(&ok);
        if (status != 200 || !ok) {
            Q_EMIT failed(QStringLiteral("time"), status == 0 ? QString::fromUtf8(body) : describe(status, body));
            return;
        }
        m_offsetS = server - (sentS + QDateTime::currentSecsSinceEpoch()) / 2;
        Q_EMIT timeSynced(m_offsetS);
    });
}

void ClobRestClient::createOrDeriveApiKey(const EthKey &key, quint64 nonce)
{
    ClobHeaders::Headers headers;
    QString error;
    if (!ClobHeaders::l1(key, serverNowS(), nonce, m_chainId, headers, error)) {
        Q_EMIT failed(QStringLiteral("api key"), error);
        return;
    }
    auto onCreds = [this](const QString &call, int status, const QByteArray &body) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const ApiCredentials creds{o.value(QStringLiteral("apiKey")).toString(), o.value(QStringLiteral("secret")).toString(),
                                   o.value(QStringLiteral("passphrase")).toString()};
        if (status != 200 || !creds.isValid()) {
            Q_EMIT failed(call, status == 0 ? QString::fromUtf8(body) : describe(status, body));
            return;
        }
        Q_EMIT credentialsReady(creds);
    };
    send(QStringLiteral("POST"), QStringLiteral("/auth/api-key"), headers, {},
         [this, headers, onCreds](int status, const QByteArray &body) {
             if (status == 400) { // they exist already: derive them
                 send(QStringLiteral("GET"), QStringLiteral("/auth/derive-api-key"), headers, {},
                      [onCreds](int s, const QByteArray &b) { onCreds(QStringLiteral("derive api key"), s, b); });
                 return;
             }
             onCreds(QStringLiteral("create api key"), status, body);
         });
}

void ClobRestClient::fetchBalance(const QString &address, const ApiCredentials &creds)
{
    // The path is signed without its query, as the official clients do.
    const QString path = QStringLiteral("/balance-allowance");
    const auto headers = ClobHeaders::l2(address, creds, serverNowS(), QStringLiteral("GET"), path, {});
    send(QStringLiteral("GET"), path + QStringLiteral("?asset_type=COLLATERAL"), headers, {},
         [this](int status, const QByteArray &body) {
             const QJsonObject o = QJsonDocument::fromJson(body).object();
             Fixed micro = 0;
             bool ok = false;
             micro = o.value(QStringLiteral("balance")).toString().toLongLong(&ok);
             if (status != 200 || !ok) {
                 Q_EMIT failed(QStringLiteral("balance"), status == 0 ? QString::fromUtf8(body) : describe(status, body));
                 return;
             }
             Q_EMIT balanceLoaded(micro);
         });
}

} // namespace polymon
