#pragma once

#include "chatactivity.h"
#include "feed/keepalivesocket.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace polymon {

// A live stream's chat, read-only, over IRC-over-WebSocket (Twitch's
// wss://irc-ws.chat.twitch.tv, or any server speaking it): joins one
// channel anonymously, answers PING, follows RECONNECT, and turns the
// messages into ChatActivity's events each second. Lines that are not IRC
// are counted, never fatal; a link silent for 6 minutes (servers ping
// every 5) is dropped and opened again.
class ChatFeedClient final : public QObject
{
    Q_OBJECT
public:
    explicit ChatFeedClient(QObject *parent = nullptr);

    static QUrl twitchUrl() { return QUrl(QStringLiteral("wss://irc-ws.chat.twitch.tv:443")); }
    // `channel` with or without its '#'; events name what `concerns` names (market, token or slug).
    void start(const QUrl &server, const QString &channel, const ChatActivity::Options &options, const MarketEvent &concerns);
    void stop();
    bool isConnected() const { return m_socket.isConnected(); }
    QString channel() const { return m_channel; }
    int malformedCount() const noexcept { return m_malformed; }
    int messageCount() const noexcept { return m_messages; }

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void eventsReceived(const std::vector<polymon::MarketEvent> &events);
    void rateChanged(double recentPerS, double usualPerS, bool burst);

private:
    void onText(const QString &text);
    void onLine(QStringView line, std::vector<MarketEvent> &out);

    KeepAliveSocket m_socket;
    QTimer m_second;
    std::optional<ChatActivity> m_activity;
    QString m_channel;
    int m_malformed = 0;
    int m_messages = 0;
};

} // namespace polymon
