#include "sportsfeedclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace polymon {

SportsFeedClient::SportsFeedClient(QObject *parent)
    : QObject(parent)
    , m_socket(20'000)
{
    connect(&m_socket, &KeepAliveSocket::connected, this, &SportsFeedClient::connected);
    connect(&m_socket, &KeepAliveSocket::disconnected, this, &SportsFeedClient::disconnected);
    connect(&m_socket, &KeepAliveSocket::textReceived, this, &SportsFeedClient::onText);
}

void SportsFeedClient::onText(const QString &text)
{
    if (text.compare(QLatin1String("ping"), Qt::CaseInsensitive) == 0) {
        m_socket.send(QStringLiteral("pong"));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    QJsonArray updates = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    std::vector<MarketEvent> events;
    for (const QJsonValue &v : updates) {
        QString error;
        if (!v.isObject() || !m_results.apply(v.toObject(), now, events, error))
            ++m_malformed;
    }
    if (!events.empty())
        Q_EMIT eventsReceived(events);
}

} // namespace polymon
