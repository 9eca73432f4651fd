#pragma once

#include "strategybacktest.h"
#include "walkforward.h"

#include <QJsonObject>

namespace polymon {

// The strategy part of `polymon-cli backtest --capture --json`: settings,
// the result of the first grid point with its equity curve, every point
// over the whole recording, and the walk-forward when there is one.
QJsonObject strategySettingsJson(const StrategySettings &s);
QJsonObject strategyBacktestJson(const StrategyBacktestResult &result, const WalkForwardResult *walkForward);

} // namespace polymon
