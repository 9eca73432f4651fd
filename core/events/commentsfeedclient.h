#pragma once

#include "feed/keepalivesocket.h"
#include "marketevent.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace polymon {

// An event's comments from Polymarket's real-time data socket: subscribes
// on every (re)connect, sends the text PING every 5 s as the socket asks,
// and reports each new comment as an event (CommentEvents). A link silent
// for 30 s is dropped and opened again; malformed messages are counted.
class CommentsFeedClient final : public QObject
{
    Q_OBJECT
public:
    explicit CommentsFeedClient(QObject *parent = nullptr);

    static QUrl polymarketUrl() { return QUrl(QStringLiteral("wss://ws-live-data.polymarket.com")); }
    // Comments on the Gamma event `eventId`; the events name what `concerns` names.
    void start(const QUrl &url, const QString &eventId, const MarketEvent &concerns);
    void stop();
    bool isConnected() const { return m_socket.isConnected(); }
    int malformedCount() const noexcept { return m_malformed; }

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void eventsReceived(const std::vector<polymon::MarketEvent> &events);

private:
    void onText(const QString &text);

    KeepAliveSocket m_socket;
    QTimer m_ping;
    QString m_eventId;
    MarketEvent m_concerns;
    int m_malformed = 0;
};

} // namespace polymon
