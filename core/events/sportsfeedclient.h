#pragma once

#include "feed/keepalivesocket.h"
#include "sportsresults.h"

#include <QObject>
#include <QUrl>

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

    static QUrl polymarketUrl() { return QUrl(QStringLiteral("wss://sports-api.polymarket.com/ws")); }
    void start(const QUrl &url) { m_socket.start(url); }
    void stop() { m_socket.stop(); }
    int malformedCount() const noexcept { return m_malformed; }
    bool isConnected() const { return m_socket.isConnected(); }

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void eventsReceived(const std::vector<polymon::MarketEvent> &events);

private:
    void onText(const QString &text);

    KeepAliveSocket m_socket;
    SportsResults m_results;
    int m_malformed = 0;
};

} // namespace polymon
