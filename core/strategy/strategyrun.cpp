#include "strategyrun.h"

#include <algorithm>

namespace polymon {

StrategyRun::StrategyRun(const SignalSettings &settings, bool collectOutcomes, const FeeSchedule &fees)
    : m_followUp(fees)
    , m_engine(settings, this)
    , m_collect(collectOutcomes)
{
}

void StrategyRun::onTop(const AssetBook &asset, std::int64_t ts)
{
    if (m_startMs == 0 || ts < m_startMs)
        m_startMs = ts;
    m_endMs = std::max(m_endMs, ts);
    for (SignalTrader *t : m_traders)
        t->setNow(ts);
    if (m_collect)
        m_followUp.beforeTop(asset, ts);
    m_engine.onTop(asset, ts);
    if (m_collect)
        m_followUp.afterTop(asset);
    for (SignalTrader *t : m_traders)
        t->afterTop(asset, ts);
}

void StrategyRun::onSignal(const Signal &s)
{
    if (m_collect)
        m_followUp.onSignal(s);
    for (SignalTrader *t : m_traders)
        t->onSignal(s);
}

void StrategyRun::onOutcome(const Signal &s)
{
    if (!m_collect)
        return;
    m_outcomes.push_back(s);
    m_followUp.onOutcome(s);
}

} // namespace polymon
