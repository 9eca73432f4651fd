#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>
#include <QWebSocketServer>

class QWebSocket;

namespace polymon {

class SimExchange;

// The simulator's sports channel, as wss://sports-api.polymarket.com/ws
// serves it: no subscription, a text "ping" every few seconds, and a
// `sport_result` (the game's whole state) whenever something happens. One
// game is played for a simulated market: kick-off, goals at random for
// either side, half time, full time, then a new game. Each goal moves the
// market's fair value (home: YES up by 6 ticks, away: down), so the book
// answers it within seconds, as a real book would.
class SimSportsFeed final : public QObject
{
    Q_OBJECT
public:
    SimSportsFeed(SimExchange *exchange, int market, quint64 seed = 1, QObject *parent = nullptr);
    ~SimSportsFeed() override;

    bool listen(quint16 port = 0);
    QUrl url() const;
    // The game's pace (tests speed it up): a goal every `goalEveryMs` on average.
    void setPace(int goalEveryMs, int pingEveryMs);
    int clientCount() const { return int(m_clients.size()); }
    int pongs() const noexcept { return m_pongs; }
    QString slug() const { return m_slug; }

Q_SIGNALS:
    void goalScored(bool home);

private:
    void tick();
    void broadcast();

    SimExchange *m_exchange;
    int m_market;
    QString m_slug;
    QWebSocketServer m_server;
    QList<QWebSocket *> m_clients;
    QTimer m_game;
    QTimer m_ping;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    int m_goalEveryMs = 90'000;
    int m_home = 0;
    int m_away = 0;
    int m_minute = 0; // game minutes played, 0..90
    bool m_live = false;
    bool m_ended = false;
    int m_pongs = 0;
    int m_gameId = 1;
};

} // namespace polymon
