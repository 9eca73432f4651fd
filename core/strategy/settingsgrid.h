#pragma once

#include "analysis/signalsettings.h"
#include "strategysettings.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace polymon {

// One combination of a settings grid.
struct GridPoint
{
    SignalSettings signals;
    StrategySettings strategy;
    int signalGroup = 0; // points with the same signal settings share one replay
    QString label;       // "key=value ..." of the settings the grid varies ("" when it varies none)
};

// A grid over signal settings (docs/signals.md keys) and strategy settings
// (hold_s, stop, max_slippage), each given as "key=v1,v2,...". Signal keys
// vary slowest, so that points sharing signal settings are neighbours.
class SettingsGrid final
{
public:
    static constexpr int kMaxPoints = 256;

    static QStringList strategyKeys();
    // Sets one strategy key from its text (the grid's keys, and `shares`
    // and `fee_rate`, which a grid does not vary); false with a reason.
    static bool setStrategy(StrategySettings &s, const QString &key, const QString &value, QString &error);
    // The cartesian product of `specs` over the base settings (one point
    // when there are none); false with a reason for an unknown key, a bad
    // value, a key given twice or more than kMaxPoints points.
    static bool expand(const std::vector<std::string> &specs, const SignalSettings &signals,
                       const StrategySettings &strategy, std::vector<GridPoint> &out, QString &error);
};

} // namespace polymon
