#include "simclob.h"

#include "clob/clobauth.h"
#include "clob/ethkey.h"
#include "clob/l2hmac.h"

#include <QDateTime>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUuid>

namespace polymon {

namespace {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse errorResponse(const QString &message, Status status)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), message}}, status);
}

QString header(const QHttpServerRequest &request, const char *name)
{
    // Header names are case-insensitive; QHttpServerRequest::value matches exactly.
    for (const auto &[key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(value);
    return {};
}

QString methodName(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    default: return QStringLiteral("OTHER");
    }
}

} // namespace

SimClob::SimClob(quint64 chainId, QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<QHttpServer>())
    , m_chainId(chainId)
{
    m_serverSecret.resize(32);
    for (char &c : m_serverSecret)
        c = char(QRandomGenerator::system()->bounded(256));
    m_server->route(QStringLiteral("/time"), [this] {
        ++m_requests;
        return QHttpServerResponse(QString::number(nowS()));
    });
    m_server->route(QStringLiteral("/version"), [this] {
        ++m_requests;
        return QHttpServerResponse(QJsonObject{{QStringLiteral("version"), 2}});
    });
    m_server->route(QStringLiteral("/auth/api-key"), QHttpServerRequest::Method::Post,
                    [this](const QHttpServerRequest &request) { return apiKey(request, true); });
    m_server->route(QStringLiteral("/auth/derive-api-key"), QHttpServerRequest::Method::Get,
                    [this](const QHttpServerRequest &request) { return apiKey(request, false); });
    m_server->route(QStringLiteral("/balance-allowance"), QHttpServerRequest::Method::Get,
                    [this](const QHttpServerRequest &request) { return balance(request); });
}

SimClob::~SimClob() = default;

bool SimClob::listen(quint16 port)
{
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    return m_port != 0;
}

QUrl SimClob::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

qint64 SimClob::nowS() const
{
    return QDateTime::currentSecsSinceEpoch() + m_clockOffsetS;
}

void SimClob::setBalance(const QString &address, Fixed micro)
{
    m_balances.insert(address.toLower(), micro);
}

ApiCredentials SimClob::credentialsFor(const QString &address, quint64 nonce) const
{
    // Deterministic per (address, nonce), as derive-api-key promises.
    const QByteArray seed = QMessageAuthenticationCode::hash(address.toLower().toLatin1() + '/' + QByteArray::number(nonce),
                                                             m_serverSecret, QCryptographicHash::Sha256);
    ApiCredentials c;
    c.apiKey = QUuid::fromRfc4122(seed.left(16)).toString(QUuid::WithoutBraces);
    c.secret = QString::fromLatin1(QMessageAuthenticationCode::hash("secret", seed, QCryptographicHash::Sha256)
                                       .toBase64(QByteArray::Base64UrlEncoding));
    c.passphrase = QString::fromLatin1(QMessageAuthenticationCode::hash("passphrase", seed, QCryptographicHash::Sha256)
                                           .toHex()
                                           .left(64));
    return c;
}

QString SimClob::checkL1(const QHttpServerRequest &request, quint64 &nonce, QString &error) const
{
    const QString address = header(request, "POLY_ADDRESS");
    const QString signature = header(request, "POLY_SIGNATURE");
    bool tsOk = false, nonceOk = false;
    const qint64 ts = header(request, "POLY_TIMESTAMP").toLongLong(&tsOk);
    nonce = header(request, "POLY_NONCE").isEmpty() ? 0 : header(request, "POLY_NONCE").toULongLong(&nonceOk);
    if (header(request, "POLY_NONCE").isEmpty())
        nonceOk = true;
    if (address.isEmpty() || signature.isEmpty() || !tsOk || !nonceOk) {
        error = QStringLiteral("Invalid L1 Request headers");
        return {};
    }
    if (std::llabs(ts - nowS()) > kMaxSkewS) {
        error = QStringLiteral("Invalid L1 Request headers: the timestamp is more than %1 s from the server's clock").arg(kMaxSkewS);
        return {};
    }
    const QByteArray digest = ClobAuth::digest(address, ts, nonce, m_chainId, error);
    if (digest.isEmpty())
        return {};
    const QByteArray sig = QByteArray::fromHex(signature.mid(signature.startsWith(QLatin1String("0x")) ? 2 : 0).toLatin1());
    const QString signer = EthKey::recoverAddress(digest, sig, error);
    if (signer.isEmpty() || signer.compare(address, Qt::CaseInsensitive) != 0) {
        error = QStringLiteral("Invalid L1 Request headers: the signature is not POLY_ADDRESS's");
        return {};
    }
    return signer;
}

const SimClob::Account *SimClob::checkL2(const QHttpServerRequest &request, QString &error) const
{
    const auto it = m_accounts.constFind(header(request, "POLY_API_KEY"));
    if (it == m_accounts.cend()) {
        error = QStringLiteral("Unauthorized/Invalid api key");
        return nullptr;
    }
    if (it->address.compare(header(request, "POLY_ADDRESS"), Qt::CaseInsensitive) != 0) {
        error = QStringLiteral("the API key does not belong to POLY_ADDRESS");
        return nullptr;
    }
    if (it->creds.passphrase != header(request, "POLY_PASSPHRASE")) {
        error = QStringLiteral("Unauthorized/Invalid api key");
        return nullptr;
    }
    const QString ts = header(request, "POLY_TIMESTAMP");
    bool ok = false;
    if (std::llabs(ts.toLongLong(&ok) - nowS()) > kMaxSkewS || !ok) {
        error = QStringLiteral("the request has expired: POLY_TIMESTAMP is more than %1 s from the server's clock").arg(kMaxSkewS);
        return nullptr;
    }
    const QString expected = L2Hmac::signature(it->creds.secret, ts, methodName(request), request.url().path(), request.body());
    if (expected != header(request, "POLY_SIGNATURE")) {
        error = QStringLiteral("Unauthorized: the HMAC signature does not verify");
        return nullptr;
    }
    return &*it;
}

QHttpServerResponse SimClob::apiKey(const QHttpServerRequest &request, bool create)
{
    ++m_requests;
    quint64 nonce = 0;
    QString error;
    const QString address = checkL1(request, nonce, error);
    if (address.isEmpty())
        return errorResponse(error, Status::Unauthorized);
    const QString slot = address.toLower() + QLatin1Char('/') + QString::number(nonce);
    const bool exists = m_keyOf.contains(slot);
    if (!create && !exists)
        return errorResponse(QStringLiteral("Could not derive api key!"), Status::BadRequest);
    if (create && exists)
        return errorResponse(QStringLiteral("Could not create api key"), Status::BadRequest);
    const ApiCredentials c = credentialsFor(address, nonce);
    if (create) {
        m_keyOf.insert(slot, c.apiKey);
        m_accounts.insert(c.apiKey, Account{address, c});
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("apiKey"), c.apiKey},
                                           {QStringLiteral("secret"), c.secret},
                                           {QStringLiteral("passphrase"), c.passphrase}});
}

QHttpServerResponse SimClob::balance(const QHttpServerRequest &request)
{
    ++m_requests;
    QString error;
    const Account *account = checkL2(request, error);
    if (!account)
        return errorResponse(error, Status::Unauthorized);
    const Fixed micro = m_balances.value(account->address.toLower());
    return QHttpServerResponse(QJsonObject{{QStringLiteral("balance"), QString::number(micro)},
                                           {QStringLiteral("allowances"), QJsonObject{}}});
}

} // namespace polymon
