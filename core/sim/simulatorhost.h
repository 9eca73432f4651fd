#pragma once

#include "catalog/marketinfo.h"

#include <QList>
#include <QString>
#include <QThread>
#include <QUrl>

#include <memory>

namespace polymon {

class SimChatServer;
class SimClob;
class SimExchange;
class SimSportsFeed;

// The simulated exchange and its services in a thread of their own, like
// a remote exchange: the market channel, its CLOB (orders trade in its
// books), the sports channel (a game for one market) and that game's
// stream chat. Started and stopped as one.
class SimulatorHost final
{
public:
    struct Options
    {
        quint64 seed = 1;
        int markets = 12;
        double rate = 50;
        qint64 episodesAfterMs = 60'000;
        qint64 episodesEveryMs = 3 * 60'000;
    };
    // The simulator's "home team ... championship final" market: its game
    // is played on the sports channel and talked about in the chat.
    static constexpr int kGameMarket = 4;

    SimulatorHost() = default;
    ~SimulatorHost();
    SimulatorHost(const SimulatorHost &) = delete;
    SimulatorHost &operator=(const SimulatorHost &) = delete;

    // Blocks until everything listens; false (and why) when the exchange cannot.
    bool start(const Options &options, QString &error);
    void stop();

    SimExchange *exchange() const noexcept { return m_exchange; }
    SimClob *clob() const noexcept { return m_clob; }
    QUrl marketUrl() const { return m_marketUrl; }
    QUrl clobUrl() const { return m_clobUrl; }
    QUrl sportsUrl() const { return m_sportsUrl; }
    QUrl chatUrl() const { return m_chatUrl; }
    QString gameSlug() const { return m_gameSlug; }
    QList<MarketInfo> catalog() const { return m_catalog; }

private:
    std::unique_ptr<QThread> m_thread;
    SimExchange *m_exchange = nullptr; // all of these live in m_thread
    SimClob *m_clob = nullptr;
    SimSportsFeed *m_sports = nullptr;
    SimChatServer *m_chat = nullptr;
    QUrl m_marketUrl;
    QUrl m_clobUrl;
    QUrl m_sportsUrl;
    QUrl m_chatUrl;
    QString m_gameSlug;
    QList<MarketInfo> m_catalog;
};

} // namespace polymon
