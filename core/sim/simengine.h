#pragma once

#include "simepisode.h"
#include "simmarket.h"
#include "simuserorders.h"

#include <QRandomGenerator64>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polymon {

// One frame the simulated exchange sends, and the market it concerns.
struct SimFrame
{
    int market = -1;
    std::string json;
};

// A deterministic simulated exchange: a catalog of markets whose books evolve
// by random order flow (placements, cancels, trades) around a drifting fair
// value. The sequence of frames depends only on the seed, never on timing or
// on who listens. Frames use the exchange's exact shapes: price_change in the
// current form with both tokens' entries and best_bid/best_ask, trades as
// last_trade_price, post-trade `book` snapshots, tick_size_change near 0/1.
class SimEngine final
{
public:
    explicit SimEngine(quint64 seed, int marketCount = 12);

    const std::vector<SimMarket> &markets() const noexcept { return m_markets; }
    // Appends a multi-outcome event: one YES/NO market per outcome, "Will
    // <name> win <contest>?", starting at the given YES values (which should
    // sum to about 1). Its own random stream: the other markets' books and
    // the episodes' schedule stay as the seed made them.
    void addEvent(const std::string &eventId, const std::string &contest, const std::vector<std::string> &names,
                  const std::vector<Fixed> &fairs);
    std::vector<std::string> allAssetIds() const;
    // Index of the market holding the token, or -1.
    int marketOf(std::string_view assetId) const;

    // The next frame at exchange time nowMs.
    SimFrame next(std::int64_t nowMs);
    // A `book` event for one token (initial dump shape with tick_size).
    std::string bookEvent(std::string_view assetId, std::int64_t nowMs) const;

    // Scripted episodes, one every `everyMs` between fromMs and toMs, cycling
    // through panic, FOMO, vacuum and depth pull on random markets; their
    // ground-truth labels (both tokens) are in labels(). Deterministic.
    void scheduleEpisodes(std::int64_t fromMs, std::int64_t toMs, std::int64_t everyMs);
    const std::vector<SimEpisode> &episodes() const noexcept { return m_episodes; }
    // Moves the episodes that have not begun onto these markets, in turn
    // (a desktop demo puts them where someone is watching). Labels follow.
    void retargetPendingEpisodes(const std::vector<int> &markets);
    const std::vector<SimLabel> &labels() const noexcept { return m_labels; }

    // Users' orders, from the simulator's CLOB. Sides and prices are the
    // YES book's. A marketable order walks the book from the best level,
    // never past `limit`, for at most `size` shares: each level prints its
    // trade and its new size, and users resting there fill in their queue.
    struct Match
    {
        Fixed price = 0;
        Fixed size = 0;
    };
    std::vector<Match> take(int market, Side side, Fixed limit, Fixed size, std::int64_t nowMs);
    // A resting order joins the back of its level (the market channel shows it).
    void rest(std::uint64_t id, int market, Side side, Fixed price, Fixed size, std::int64_t nowMs);
    // Takes it off the book; returns the shares it still had.
    Fixed cancel(std::uint64_t id, std::int64_t nowMs);
    // Fills of resting users' orders since the last call (the flow's trades and takers).
    std::vector<SimUserOrders::Fill> takeUserFills() { return std::exchange(m_userFills, {}); }
    // News for a market (a goal in its game): its fair value and the level it
    // drifts back to move by `delta`, so the quotes follow within seconds.
    void shiftFair(int market, Fixed delta);
    // Frames queued by the calls above, to send at once.
    std::vector<SimFrame> drainPending();

private:
    void step(std::int64_t nowMs);
    void placeOrCancel(int index, std::int64_t nowMs);
    void trade(int index, std::int64_t nowMs);
    void drift(int index, std::int64_t nowMs);
    void emitLevel(int index, Side yesSide, Fixed price, Fixed size, std::int64_t nowMs);
    void printTrade(int index, Fixed price, Fixed size, bool yesBuy, std::int64_t nowMs);
    std::string bookJson(const SimMarket &m, bool yes, std::int64_t nowMs, bool initial) const;
    Fixed randomSize();
    // Ids, tick and a book of 15 levels a side around `fair`, from `random`.
    void initMarket(SimMarket &m, Fixed fair, QRandomGenerator64 &random);
    std::string hashFor();
    void runEpisodes(std::int64_t nowMs);
    void startEpisode(SimEpisode &e, std::int64_t nowMs);
    void layerBids(SimEpisode &e, std::int64_t nowMs);
    void recoverEpisode(SimEpisode &e, std::int64_t nowMs);
    bool busy(int market) const;
    Fixed bandDepth(const SimMarket &m, Side side, int levels) const;

    std::vector<SimMarket> m_markets;
    std::deque<SimFrame> m_pending;
    QRandomGenerator64 m_random;
    quint64 m_seed;
    std::uint64_t m_hashCounter = 0;
    std::vector<SimEpisode> m_episodes;
    std::vector<SimLabel> m_labels;
    SimUserOrders m_user;
    std::vector<SimUserOrders::Fill> m_userFills;
};

} // namespace polymon
