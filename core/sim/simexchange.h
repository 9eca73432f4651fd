#pragma once

#include "catalog/marketinfo.h"
#include "simengine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QWebSocketServer>

#include <functional>
#include <memory>

class QWebSocket;

namespace polymon {

// A local WebSocket server speaking the Polymarket market channel: initial
// subscribe with an array of `book` snapshots, dynamic subscribe and
// unsubscribe, text PING/PONG, and SimEngine's order flow at a set rate.
// Fault switches let tests reproduce what the real service does wrong.
class SimExchange final : public QObject
{
    Q_OBJECT
public:
    explicit SimExchange(quint64 seed = 1, int marketCount = 12, QObject *parent = nullptr);
    ~SimExchange() override;

    // Port 0 picks a free one. False with errorString() when it cannot listen.
    bool listen(quint16 port = 0);
    QString errorString() const;
    quint16 port() const;
    QUrl url() const;

    void setRate(double framesPerSecond);
    // Scripted signal episodes (see SimEngine), the first after firstAfterMs
    // from now, then one every everyMs, for a day.
    void scheduleEpisodes(qint64 firstAfterMs, qint64 everyMs);
    // Episodes not yet begun go to markets that some client watches, so a
    // demo shows them (tests and backtests keep the seed's own schedule).
    void setEpisodesOnWatchedMarkets(bool on) { m_episodesOnWatched = on; }
    double rate() const noexcept { return m_rate; }
    const SimEngine &engine() const noexcept { return m_engine; }
    // The simulated markets as the browser and the database see them.
    QList<MarketInfo> catalog() const;
    // A four-way event for the desktop demo (see SimEngine::addEvent).
    void addDemoEvent();
    int clientCount() const { return int(m_clients.size()); }
    quint64 framesSent() const noexcept { return m_framesSent; }

    // Faults, for tests and demos.
    void setSilent(bool silent) { m_silent = silent; }         // no data; PING still answered
    void setAnswerPings(bool answer) { m_answerPings = answer; } // stop answering PING
    void dropClients();                                         // abort every connection
    // The next `count` subscriptions of the asset get no `book` (a lost
    // initial dump); later ones get it as usual.
    void withholdBooks(const QString &assetId, int count) { m_withheldBooks.insert(assetId, count); }
    void sendRawToAll(const QByteArray &frame);                 // e.g. garbage
    // Sends market_resolved (the exchange's shape) for market `index` to the
    // clients watching it.
    void resolveMarket(int index, bool yesWins);

    // The simulator's CLOB places users' orders in these books (YES sides
    // and prices; see SimEngine). What they change goes out at once.
    std::vector<SimEngine::Match> take(int market, Side side, Fixed limit, Fixed size);
    void rest(std::uint64_t id, int market, Side side, Fixed price, Fixed size);
    Fixed cancel(std::uint64_t id);
    // News moves a market's fair value (see SimEngine::shiftFair).
    void shiftFair(int market, Fixed delta) { m_engine.shiftFair(market, delta); }
    // Called with the fills of users' resting orders as they happen.
    void setUserFillHandler(std::function<void(const std::vector<SimUserOrders::Fill> &)> handler)
    {
        m_onUserFills = std::move(handler);
    }

Q_SIGNALS:
    void clientConnected(int clients);
    void subscriptionReceived(const QStringList &assetIds, const QString &operation);

private:
    struct Client
    {
        QSet<QString> assets;
    };
    void onNewConnection();
    void onText(QWebSocket *socket, const QString &message);
    void onTick();
    void sendBooks(QWebSocket *socket, const QStringList &assetIds);
    void retargetEpisodes();
    void send(const SimFrame &frame);
    // Sends what the engine queued and reports users' fills.
    void flushUserActivity();
    void reportUserFills();

    SimEngine m_engine;
    QWebSocketServer m_server;
    QHash<QWebSocket *, Client> m_clients;
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_lastTickMs = 0;
    double m_rate = 20.0;
    double m_budget = 0.0;
    quint64 m_framesSent = 0;
    QHash<QString, int> m_withheldBooks;
    bool m_silent = false;
    bool m_answerPings = true;
    bool m_episodesOnWatched = false;
    std::function<void(const std::vector<SimUserOrders::Fill> &)> m_onUserFills;
};

} // namespace polymon
