#include "sportsfeedclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace polymon {

namespace {
constexpr int kSilenceMs = 20'000;
}

SportsFeedClient::SportsFeedClient(QObject *parent)
    : QObject(parent)
    , m_backoff(500, 30'000, quint32(QDateTime::currentMSecsSinceEpoch()))
{
    m_watchdog.setInterval(2'000);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (isConnected() && QDateTime::currentMSecsSinceEpoch() - m_lastFrameMs > kSilenceMs)
            m_socket.abort();
    });
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_running)
            m_socket.open(m_url);
    });
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_lastFrameMs = QDateTime::currentMSecsSinceEpoch();
        m_backoff.reset();
        m_watchdog.start();
        Q_EMIT connected();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_watchdog.stop();
        if (!m_running)
            return;
        Q_EMIT disconnected(m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason());
        m_retry.start(m_backoff.nextDelayMs());
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &SportsFeedClient::onText);
}

SportsFeedClient::~SportsFeedClient()
{
    m_running = false;
    m_socket.abort();
}

void SportsFeedClient::start(const QUrl &url)
{
    m_url = url;
    m_running = true;
    m_socket.open(url);
}

void SportsFeedClient::stop()
{
    m_running = false;
    m_retry.stop();
    m_socket.close();
}

void SportsFeedClient::onText(const QString &text)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_lastFrameMs = now;
    if (text.compare(QLatin1String("ping"), Qt::CaseInsensitive) == 0) {
        m_socket.sendTextMessage(QStringLiteral("pong"));
        return;
    }
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
