#pragma once

#include "analysis/signalengine.h"
#include "analysis/signalfollowup.h"
#include "signaltrader.h"

#include <vector>

namespace polymon {

// The signal engine of one replay with what listens to it: the traders of a
// backtest (they learn each update's time before signals fire inside it
// and check their exits after), and, when asked, the outcomes and the
// follow-up of every signal (does it pay). Plug it in as the BookListener
// of the replay's BookStore.
class StrategyRun final : public BookListener, public SignalListener
{
public:
    StrategyRun(const SignalSettings &settings, bool collectOutcomes, const FeeSchedule &fees);

    void addTrader(SignalTrader *t) { m_traders.push_back(t); }
    SignalEngine &engine() noexcept { return m_engine; }
    const SignalFollowUp &followUp() const noexcept { return m_followUp; }
    std::vector<Signal> &outcomes() noexcept { return m_outcomes; }
    // The exchange time the updates spanned.
    std::int64_t startMs() const noexcept { return m_startMs; }
    std::int64_t endMs() const noexcept { return m_endMs; }

    void onTop(const AssetBook &asset, std::int64_t ts) override;
    void onTrade(const AssetBook &asset, const LastTradeEvent &e) override { m_engine.onTrade(asset, e); }
    void onSignal(const Signal &s) override;
    void onOutcome(const Signal &s) override;

private:
    SignalFollowUp m_followUp;
    SignalEngine m_engine;
    bool m_collect;
    std::vector<SignalTrader *> m_traders;
    std::vector<Signal> m_outcomes;
    std::int64_t m_startMs = 0;
    std::int64_t m_endMs = 0;
};

} // namespace polymon
