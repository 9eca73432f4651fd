#pragma once

#include "protocol/fixedpoint.h"

#include <cstdint>
#include <string>

namespace polymon {

enum class SignalType : std::uint8_t { PanicSell, FomoBuy, LiquidityVacuum, DepthPull };
enum class SignalSide : std::uint8_t { Buy, Sell, Avoid };
inline constexpr int kSignalTypeCount = 4;

const char *signalTypeName(SignalType type) noexcept;   // "PANIC_SELL", ...
const char *signalSideName(SignalSide side) noexcept;   // "BUY", "SELL", "AVOID"
bool signalTypeFromName(std::string_view name, SignalType &type) noexcept;

// One detected signal and, once its horizon has passed, its outcome.
struct Signal
{
    std::uint64_t id = 0;
    SignalType type = SignalType::PanicSell;
    SignalSide side = SignalSide::Avoid;
    std::string assetId;
    std::string market;
    std::int64_t timestampMs = 0; // exchange time of the update that fired it
    int confidence = 0;           // 0-100
    double depthRatio = 0.0;      // side depth / baseline (the side the rule watches)
    double spreadRatio = 0.0;     // spread / baseline spread
    double imbalance = 0.0;       // band imbalance at the time
    Fixed priceChange = 0;        // mid now - mid priceLookbackMs ago (signed)
    Fixed expectedReversion = 0;  // price units, in the recommended direction
    Fixed bestBid = 0;
    Fixed bestAsk = 0;
    Fixed mid = 0;
    Fixed baselineSpread = 0;
    std::string description;

    // Outcome (valid when resolved)
    bool resolved = false;
    bool tracked = true;          // false: the record had a gap, the outcome is unknown
    bool reverted = false;
    double reversionTimeS = -1.0; // seconds to reversion; -1 when it did not revert
    Fixed maxProfit = 0;          // best favourable excursion per share, spread paid
    Fixed maxAdverse = 0;         // worst adverse excursion per share (>= 0)
};

} // namespace polymon
