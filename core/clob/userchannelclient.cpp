#include "userchannelclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace polymon {

UserChannelClient::UserChannelClient(QObject *parent)
    : QObject(parent)
    , m_backoff(500, 15'000, quint32(QDateTime::currentMSecsSinceEpoch()))
{
    m_ping.setInterval(10'000);
    connect(&m_ping, &QTimer::timeout, this, [this] {
        if (QDateTime::currentMSecsSinceEpoch() - m_lastFrameMs > m_silenceMs) {
            m_socket.abort(); // silent: count it as a drop
            return;
        }
        m_socket.sendTextMessage(QStringLiteral("PING"));
    });
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &UserChannelClient::open);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_lastFrameMs = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject subscribe{{QStringLiteral("auth"), QJsonObject{{QStringLiteral("apiKey"), m_creds.apiKey},
                                                                         {QStringLiteral("secret"), m_creds.secret},
                                                                         {QStringLiteral("passphrase"), m_creds.passphrase}}},
                                    {QStringLiteral("markets"), QJsonArray::fromStringList(m_markets)},
                                    {QStringLiteral("type"), QStringLiteral("user")}};
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(subscribe).toJson(QJsonDocument::Compact)));
        m_ping.start();
        m_backoff.reset();
        Q_EMIT connected(m_connects++ > 0);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        onDropped(m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason());
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &UserChannelClient::onText);
}

UserChannelClient::~UserChannelClient()
{
    m_running = false;
    m_socket.abort();
}

void UserChannelClient::start(const QUrl &url, const ApiCredentials &creds, const QStringList &markets)
{
    m_url = url;
    m_creds = creds;
    m_markets = markets;
    m_running = true;
    open();
}

void UserChannelClient::stop()
{
    m_running = false;
    m_retry.stop();
    m_ping.stop();
    m_socket.close();
}

void UserChannelClient::open()
{
    if (m_running)
        m_socket.open(m_url);
}

void UserChannelClient::onDropped(const QString &reason)
{
    m_ping.stop();
    if (!m_running)
        return;
    Q_EMIT disconnected(reason);
    m_retry.start(m_backoff.nextDelayMs());
}

void UserChannelClient::onText(const QString &text)
{
    m_lastFrameMs = QDateTime::currentMSecsSinceEpoch();
    if (text == QLatin1String("PONG"))
        return;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (doc.isObject()) {
        handle(doc.object());
    } else if (doc.isArray()) {
        for (const QJsonValue &v : doc.array())
            handle(v.toObject());
    } else {
        ++m_malformed;
        Q_EMIT malformed(QStringLiteral("not JSON: %1").arg(parseError.errorString()));
    }
}

void UserChannelClient::handle(const QJsonObject &o)
{
    const QString type = o.value(QStringLiteral("event_type")).toString();
    QString error;
    if (type == QLatin1String("order")) {
        UserOrderEvent e;
        if (UserEvents::parseOrder(o, e, error)) {
            Q_EMIT orderEvent(e);
            return;
        }
    } else if (type == QLatin1String("trade")) {
        UserTradeEvent e;
        if (UserEvents::parseTrade(o, e, error)) {
            Q_EMIT tradeEvent(e);
            return;
        }
    } else {
        error = QStringLiteral("unknown event_type \"%1\"").arg(type);
    }
    ++m_malformed;
    Q_EMIT malformed(error);
}

} // namespace polymon
