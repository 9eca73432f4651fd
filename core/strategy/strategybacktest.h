#pragma once

#include "replay/backtest.h"
#include "settingsgrid.h"
#include "signaltrader.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace polymon {

struct StrategyBacktestResult
{
    BacktestReport signals;    // signals and outcomes per type, with the first point's signal settings
    std::vector<GridPoint> points;
    std::vector<std::vector<StrategyTrade>> trades; // per point, in exit order
    std::vector<SignalTrader::Skips> skips;         // per point
    std::int64_t startMs = 0;  // exchange time the recording spans
    std::int64_t endMs = 0;
    double marketHours = 0;    // assets x hours spanned
    bool cancelled = false;
};

// A recording (raw capture or JSON text) replayed once per distinct set of
// signal settings in the grid, every point's strategy trading the signals of
// that replay. The progress callback gets the share done (0..1) and cancels
// by returning false.
class StrategyBacktest final
{
public:
    using Progress = std::function<bool(double)>;
    static bool run(const std::string &path, const std::vector<GridPoint> &points, StrategyBacktestResult &out,
                    std::string &error, const Progress &progress = {});
};

} // namespace polymon
