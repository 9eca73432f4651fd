#pragma once

#include "protocol/fixedpoint.h"

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace polymon {

// What kind of book a market is, drawn per market: quiet or busy, deep or
// thin, tight or wide, coarse or fine tick, mid anywhere from 0.05 to 0.95.
struct FlowProfile
{
    Fixed tick = 10'000;
    Fixed startMid = 500'000;
    double touchSize = 200.0;   // median shares a level holds near the touch
    double eventsPerSecond = 4; // limit orders, cancels and trades together
    int spreadTicks = 1;        // the spread the book rests at

    static FlowProfile draw(std::mt19937_64 &rng);
};

// A scripted disturbance of one market, from design.md's definitions, with
// its shape drawn independently of the detector's thresholds.
struct FlowEpisode
{
    enum class Type : std::uint8_t { Panic, Fomo, Vacuum, Pull };
    Type type = Type::Panic;
    std::int64_t startMs = 0;
    std::int64_t onsetMs = 1'000;  // 0.2 to 5 s to reach full strength
    std::int64_t holdMs = 30'000;  // then it stays...
    std::int64_t decayMs = 60'000; // ...and fades
    double magnitude = 2.0;        // depth x its level before (panic, FOMO), or 1 / the share left (vacuum, pull)
    bool spreadChange = true;      // panic and FOMO: the other side steps back too
    bool pullBids = true;          // pull: which side
    std::int64_t endMs() const noexcept { return startMs + onsetMs + holdMs + decayMs; }
};

// One market of an order-flow model that shares nothing with the simulator
// the detector was tuned on (SimEngine): a queue-reactive book on a tick
// grid, where limit orders arrive at each level at a rate that falls with
// the distance from the touch and with the queue already there, resting
// orders are cancelled at a rate proportional to the queue, and market
// orders arrive as a self-exciting (Hawkes) process, walking the touch.
// It writes the exchange's frames for the YES token and its NO mirror.
class FlowMarket final
{
public:
    FlowMarket(std::string conditionId, std::string yesToken, std::string noToken, const FlowProfile &profile,
               std::uint64_t seed, std::int64_t startMs);

    const std::string &conditionId() const noexcept { return m_condition; }
    const std::string &yesToken() const noexcept { return m_yes; }
    const std::string &noToken() const noexcept { return m_no; }
    const FlowProfile &profile() const noexcept { return m_profile; }

    // The full books of both tokens now.
    std::vector<std::string> bookFrames(std::int64_t nowMs) const;
    // The time of this market's next event.
    std::int64_t nextEventMs() const noexcept { return m_nextMs; }
    // Runs that event and appends its frames.
    void step(std::vector<std::string> &frames);
    void addEpisode(const FlowEpisode &episode)
    {
        m_episodes.push_back(episode);
        m_episodeState.emplace_back();
    }

    // Size resting within `band` of the mid on each side (shares).
    double bandDepth(bool bids, Fixed band) const;
    // Size resting within `band` of a fixed price, however the mid moved.
    double depthNear(bool bids, Fixed anchor, Fixed band) const;
    bool crossed() const;

private:
    struct Change
    {
        bool bid;
        Fixed price;
        Fixed size;
        Fixed before; // the level's size before the event first touched it
    };
    void scheduleNatural();
    void naturalEvent(std::vector<Change> &changes, std::vector<std::string> &frames);
    void limitOrder(std::vector<Change> &changes);
    void cancel(std::vector<Change> &changes);
    void marketOrder(std::vector<Change> &changes, std::vector<std::string> &frames, bool buy, double medianSize);
    void runEpisodes(std::vector<Change> &changes, std::vector<std::string> &frames);
    void setLevel(bool bid, Fixed price, Fixed size, std::vector<Change> &changes);
    Fixed drawSize(double median);
    Fixed bestBid() const;
    Fixed bestAsk() const;
    void writeChanges(const std::vector<Change> &changes, std::vector<std::string> &frames);
    void trade(Fixed price, Fixed size, bool buy, std::vector<std::string> &frames) const;

    std::string m_condition, m_yes, m_no;
    FlowProfile m_profile;
    std::mt19937_64 m_rng;
    std::map<Fixed, Fixed> m_bids; // YES book, price -> size
    std::map<Fixed, Fixed> m_asks;
    std::int64_t m_nowMs = 0;
    std::int64_t m_nextMs = 0;
    std::int64_t m_naturalMs = 0; // the next event of the order flow itself
    double m_hawkes = 0.0;        // excitation of market orders, decaying
    double m_fair = 0.5;          // where informed flow pulls the price (a slow random walk)
    double m_trendBias = 0.0;     // episode: which side the market orders lean to (+ buys)
    double m_quietBids = 1.0;     // episode: arrivals near the touch damped (vacuum, pull)
    double m_quietAsks = 1.0;
    std::vector<FlowEpisode> m_episodes;
    struct EpisodeState
    {
        double baseBid = 0, baseAsk = 0;  // band depth when it began
        Fixed baseSpread = 0;
        Fixed baseMid = 0;
        bool fading = false;
        std::map<Fixed, Fixed> fadeFrom; // per price, the flood still resting when the fade began
        bool started = false, done = false;
        std::map<Fixed, Fixed> placed; // price -> size it added and has not taken back
    };
    std::vector<EpisodeState> m_episodeState;
};

} // namespace polymon
