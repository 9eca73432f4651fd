#include "keepalivesocket.h"

#include <QDateTime>

namespace polymon {

KeepAliveSocket::KeepAliveSocket(int silenceMs, QObject *parent)
    : QObject(parent)
    , m_backoff(500, 30'000, quint32(QDateTime::currentMSecsSinceEpoch()))
    , m_silenceMs(silenceMs)
{
    m_watchdog.setInterval(std::min(2'000, std::max(100, silenceMs / 4)));
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (isConnected() && QDateTime::currentMSecsSinceEpoch() - m_lastFrameMs > m_silenceMs)
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
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_lastFrameMs = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT textReceived(text);
    });
}

KeepAliveSocket::~KeepAliveSocket()
{
    m_running = false;
    m_socket.abort();
}

void KeepAliveSocket::start(const QUrl &url)
{
    m_running = false; // the old link's drop is not a reason to retry
    m_retry.stop();
    m_socket.abort();
    m_url = url;
    m_running = true;
    m_socket.open(url);
}

void KeepAliveSocket::stop()
{
    m_running = false;
    m_retry.stop();
    m_socket.close();
}

} // namespace polymon
