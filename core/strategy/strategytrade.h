#pragma once

#include "analysis/signal.h"
#include "protocol/events.h"

#include <cstdint>
#include <string>

namespace polymon {

enum class ExitReason : std::uint8_t { Hold, Stop, End };
const char *exitReasonName(ExitReason reason) noexcept; // "hold", "stop", "end"

// One round trip of a backtest strategy: taken at the book when a signal
// fired, given back at the book after the hold or at the stop. A sale
// without inventory is a short, which on Polymarket is the same trade as
// buying the other token at 1 - p (same PnL, same fee: p(1-p) is symmetric).
struct StrategyTrade
{
    std::string assetId;
    SignalType type = SignalType::PanicSell;
    std::uint64_t signalId = 0;
    Side side = Side::Buy;          // the entry's side
    std::int64_t entryMs = 0;
    std::int64_t exitMs = 0;
    Fixed shares = 0;              // entered (millionths)
    Fixed entryNotional = 0;       // micro-USDC
    Fixed exitNotional = 0;        // micro-USDC, for the shares given back
    Fixed unclosedShares = 0;      // no book to exit into at the end: valued at 0 (long) or 1 (short)
    Fixed fees = 0;                // micro-USDC, entry and exit
    ExitReason exitReason = ExitReason::End;

    // Net of fees, micro-USDC.
    Fixed pnl() const noexcept
    {
        const Fixed unclosedValue = side == Side::Buy ? 0 : unclosedShares; // a short covers at 1
        const Fixed gross = side == Side::Buy ? exitNotional - entryNotional
                                              : entryNotional - exitNotional - unclosedValue;
        return gross - fees;
    }
    Fixed turnover() const noexcept { return entryNotional + exitNotional; }
};

} // namespace polymon
