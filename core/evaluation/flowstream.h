#pragma once

#include "flowmarket.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace polymon {

// An episode injected into one market: the ground truth an evaluation
// scores signals against (on the YES token; the NO token shows the mirror).
struct FlowLabel
{
    std::string conditionId;
    std::string yesToken;
    std::string noToken;
    FlowEpisode episode;
};

// Many FlowMarkets of varied profiles in one time-ordered frame stream,
// calm for a warm-up, then an episode now and then in each market: a type
// at random, magnitude 1.5x to 6x, onset 0.2 to 5 s, with or without a
// spread change (a panic always widens it, by design.md's definition), one
// side or both, never overlapping, calm in between.
// For evaluation only: the detector was never tuned on it.
class FlowStream final
{
public:
    struct Options
    {
        std::uint64_t seed = 1;
        int markets = 10;
        double hours = 6.0;
        std::int64_t startMs = 1'767'225'600'000; // 2026-01-01, simulated
        std::int64_t warmupMs = 40 * 60'000;      // no episode before the baselines are warm
        std::int64_t episodeEveryMs = 8 * 60'000; // per market, on average
    };

    explicit FlowStream(const Options &options);
    ~FlowStream();

    const Options &options() const noexcept { return m_options; }
    const std::vector<FlowLabel> &labels() const noexcept { return m_labels; }
    const std::vector<std::unique_ptr<FlowMarket>> &markets() const noexcept { return m_markets; }
    std::int64_t endMs() const noexcept { return m_options.startMs + std::int64_t(m_options.hours * 3'600'000.0); }
    // Every frame, books first, then in time order; returns how many.
    std::uint64_t run(const std::function<void(const std::string &)> &frame);

private:
    Options m_options;
    std::vector<std::unique_ptr<FlowMarket>> m_markets;
    std::vector<FlowLabel> m_labels;
};

} // namespace polymon
