#include "commentsfeedclient.h"

#include "commentevents.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace polymon {

CommentsFeedClient::CommentsFeedClient(QObject *parent)
    : QObject(parent)
    , m_socket(30'000)
{
    m_ping.setInterval(5'000);
    connect(&m_ping, &QTimer::timeout, this, [this] {
        if (m_socket.isConnected())
            m_socket.send(QStringLiteral("PING"));
    });
    connect(&m_socket, &KeepAliveSocket::connected, this, [this] {
        m_socket.send(QString::fromUtf8(QJsonDocument(CommentEvents::subscription(m_eventId)).toJson(QJsonDocument::Compact)));
        Q_EMIT connected();
    });
    connect(&m_socket, &KeepAliveSocket::disconnected, this, &CommentsFeedClient::disconnected);
    connect(&m_socket, &KeepAliveSocket::textReceived, this, &CommentsFeedClient::onText);
}

void CommentsFeedClient::start(const QUrl &url, const QString &eventId, const MarketEvent &concerns)
{
    m_eventId = eventId;
    m_concerns = concerns;
    m_ping.start();
    m_socket.start(url);
}

void CommentsFeedClient::stop()
{
    m_ping.stop();
    m_socket.stop();
}

void CommentsFeedClient::onText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("PONG"), Qt::CaseInsensitive) == 0)
        return;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        ++m_malformed;
        return;
    }
    const QJsonArray messages = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    std::vector<MarketEvent> out;
    for (const QJsonValue &v : messages) {
        QString error;
        if (!v.isObject() || !CommentEvents::parse(v.toObject(), m_concerns, out, error))
            ++m_malformed;
    }
    if (!out.empty())
        Q_EMIT eventsReceived(out);
}

} // namespace polymon
