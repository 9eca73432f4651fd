#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>
#include <QWebSocketServer>

class QWebSocket;

namespace polymon {

class SimExchange;

// The simulator's stream chat, served as IRC over WebSocket the way
// Twitch's is (NICK, JOIN, PING/PONG, tagged PRIVMSG lines), read by the
// same client. Viewers talk at a steady couple of messages a second; a
// goal in the simulated game sets off a burst of "GOAL" messages, and a
// scripted episode on the game's market one of panic or FOMO talk, so
// chat, score and book move together offline.
class SimChatServer final : public QObject
{
    Q_OBJECT
public:
    SimChatServer(SimExchange *exchange, int market, quint64 seed = 1, QObject *parent = nullptr);
    ~SimChatServer() override;

    bool listen(quint16 port = 0);
    QUrl url() const;
    // A burst of talk about what just happened (a goal, for the game).
    void burst(const QStringList &lines, double perSecond);
    void goal(bool home);
    void setBaseRate(double perSecond) { m_baseRate = perSecond; }
    void setPingEveryMs(int ms) { m_ping.setInterval(ms); }
    int clientCount() const { return int(m_channels.size()); }
    int pongs() const noexcept { return m_pongs; }

private:
    void onLine(QWebSocket *socket, const QString &line);
    void tick();
    void watchEpisodes();
    void say(const QString &text);

    SimExchange *m_exchange;
    int m_market;
    QWebSocketServer m_server;
    QHash<QWebSocket *, QString> m_channels; // joined channel ("" until JOIN)
    QHash<QWebSocket *, QString> m_nicks;
    QTimer m_talk;
    QTimer m_ping;
    QTimer m_episodes;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    double m_baseRate = 2.0;
    double m_burstRate = 0;      // extra messages a second, decaying
    QStringList m_burstLines;
    double m_carry = 0;          // fractional messages owed
    QList<int> m_episodesSeen;   // start times (s) of episodes already talked about
    int m_pongs = 0;
    int m_viewer = 0;
};

} // namespace polymon
