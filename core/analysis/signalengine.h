#pragma once

#include "book/booklistener.h"
#include "outcometracker.h"
#include "rollingbaseline.h"
#include "signaldetector.h"
#include "signallistener.h"
#include "signalsettings.h"

#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace polymon {

// The analysis layer over BookStore: per asset a rolling baseline, health,
// the detector with per-type cooldowns, and outcome tracking. Driven only by
// the exchange's timestamps, so a live session and a replay of its frames
// give the same signals. Plug it in as the BookListener of a BookStore (or
// behind MarketMonitor).
class SignalEngine final : public BookListener
{
public:
    explicit SignalEngine(const SignalSettings &settings, SignalListener *listener = nullptr);
    ~SignalEngine() override;

    const SignalSettings &settings() const noexcept { return m_settings; }
    // New thresholds, weights and cooldowns from now on. The baseline's shape
    // (buckets, bucket length) and the outcome horizon stay as built: they
    // change on the next start.
    void updateSettings(const SignalSettings &settings);
    // Learning only: baselines grow, nothing is detected or tracked (a
    // warm-up from simulated history). Leaving it clears the short windows
    // (pull window, price lookback, trades): they belong to the other stream.
    void setLearnOnly(bool on);
    // Drops an asset's baseline and history (unsubscribed). Open outcomes
    // still resolve.
    void forget(const std::string &assetId);
    // Baseline of an asset (nullptr before its first update).
    const RollingBaseline *baseline(const std::string &assetId) const;
    // Seeds an asset's baseline from a stored snapshot (start-up).
    void seedBaseline(const std::string &assetId, std::int64_t timestampMs, const BaselineSample &sample);
    // Evaluates the assets updated at the latest timestamp now, instead of
    // when a later timestamp arrives (a live monitor calls it on a timer).
    void flush();
    // Flushes and resolves all open outcomes (end of a replay or backtest).
    void finish();
    std::uint64_t signalCount() const noexcept { return m_nextId - 1; }

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void onTrade(const AssetBook &asset, const LastTradeEvent &event) override;

private:
    struct State;
    State &state(const std::string &assetId);
    void evaluate(State &st);
    void learn(State &st, std::int64_t timestampMs, BaselineSample sample) const;
    void resolveDue(std::int64_t nowMs);

    SignalSettings m_settings;
    SignalDetector m_detector;
    OutcomeTracker m_outcomes;
    SignalListener *m_listener;
    SignalListener m_nullListener;
    std::unordered_map<std::string, std::unique_ptr<State>> m_states;
    std::vector<Signal> m_fired; // reused per update
    std::vector<State *> m_dirty; // assets updated at the current timestamp
    std::vector<State *> m_thinWatch; // thin and wide, not yet looked at once it has held long enough
    std::uint64_t m_nextId = 1;
    bool m_learnOnly = false;
    std::int64_t m_clockMs = 0;  // latest exchange time seen
    std::int64_t m_nextResolveMs = 0;
};

} // namespace polymon
