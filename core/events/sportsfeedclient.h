#pragma once

#include "feed/reconnectbackoff.h"
#include "sportsresults.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace polymon {

// The sports channel: no subscription, the server's text "ping" answered
// "pong", each JSON update (or array of them) turned into typed events by
// SportsResults. Reconnects with backoff; a link silent for 20 s (the
// server pings every 5) is dropped and opened again. Malformed messages
// are counted, never fatal.
class SportsFeedClient final : public QObject
{
    Q_OBJECT
public:
    explicit SportsFeedClient(QObject *parent = nullptr);
    ~SportsFeedClient() override;

    static QUrl polymarketUrl() { return QUrl(QStringLiteral("wss://sports-api.polymarket.com/ws")); }
    void start(const QUrl &url);
    void stop();
    int malformedCount() const noexcept { return m_malformed; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void eventsReceived(const std::vector<polymon::MarketEvent> &events);

private:
    void onText(const QString &text);

    QWebSocket m_socket;
    QUrl m_url;
    SportsResults m_results;
    QTimer m_watchdog;
    QTimer m_retry;
    ReconnectBackoff m_backoff;
    qint64 m_lastFrameMs = 0;
    int m_malformed = 0;
    bool m_running = false;
};

} // namespace polymon
