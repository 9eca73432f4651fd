#pragma once

#include "reconnectbackoff.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace polymon {

// A WebSocket that stays up: reopened with backoff when it drops, and
// dropped (then reopened) when the server has been silent longer than
// `silenceMs` (feeds that stall without closing). Says what it receives;
// what to send on connect is the owner's business.
class KeepAliveSocket final : public QObject
{
    Q_OBJECT
public:
    explicit KeepAliveSocket(int silenceMs, QObject *parent = nullptr);
    ~KeepAliveSocket() override;

    void start(const QUrl &url);
    void stop();
    void send(const QString &text) { m_socket.sendTextMessage(text); }
    // Drops the link now; it comes back after the backoff (a server asking to reconnect).
    void reconnect() { m_socket.abort(); }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool isRunning() const noexcept { return m_running; }

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void textReceived(const QString &text);

private:
    QWebSocket m_socket;
    QUrl m_url;
    QTimer m_watchdog;
    QTimer m_retry;
    ReconnectBackoff m_backoff;
    int m_silenceMs;
    qint64 m_lastFrameMs = 0;
    bool m_running = false;
};

} // namespace polymon
