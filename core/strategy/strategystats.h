#pragma once

#include "strategytrade.h"

#include <QJsonObject>

#include <array>
#include <cstdint>
#include <vector>

namespace polymon {

// Cumulative net PnL after each closed trade (micro-USDC).
struct EquityPoint
{
    std::int64_t timeMs = 0;
    Fixed equity = 0;
};

// What a strategy made over a set of trades: money in micro-USDC (exact),
// ratios as doubles.
struct StrategyStats
{
    struct PerType
    {
        int trades = 0;
        int wins = 0;
        Fixed pnl = 0;
    };

    int trades = 0;
    int wins = 0;   // pnl > 0
    int losses = 0; // pnl < 0 (a trade at exactly 0 is neither)
    Fixed pnl = 0;  // net of fees
    Fixed fees = 0;
    Fixed turnover = 0;     // entry plus exit notional
    Fixed averageWin = 0;   // over wins
    Fixed averageLoss = 0;  // over losses (negative)
    Fixed maxDrawdown = 0;  // worst fall of the equity curve from its peak (>= 0), the start counting as a peak at 0
    Fixed unclosedShares = 0;
    double hitRate = 0.0;        // wins / trades
    double sharpePerTrade = 0.0; // mean trade PnL / its standard deviation (not annualised)
    std::array<PerType, 4> perType{};
    std::vector<EquityPoint> equity; // in exit order

    // Trades entered in [fromMs, toMs) (all when toMs is 0), in exit order.
    static StrategyStats of(const std::vector<StrategyTrade> &trades, std::int64_t fromMs = 0, std::int64_t toMs = 0);
    QJsonObject toJson(bool withEquity) const;
};

} // namespace polymon
