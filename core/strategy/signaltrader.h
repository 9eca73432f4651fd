#pragma once

#include "analysis/signallistener.h"
#include "book/bookstore.h"
#include "strategysettings.h"
#include "strategytrade.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace polymon {

// A backtest strategy: trades each BUY or SELL signal at the book the
// moment it fires (a FAK within the slippage allowed), at most one trade
// per market at a time (YES and NO are one book), and gives the shares back at the book once the hold
// has passed or the stop is hit. Several traders can listen to one signal
// engine (a grid of strategy settings over one replay).
class SignalTrader final : public SignalListener
{
public:
    struct Skips
    {
        int busy = 0;    // a trade in that market was still open
        int noBook = 0;  // the book was not synced, or the side to take was empty
        int noDepth = 0; // nothing within the slippage allowed
    };

    SignalTrader(const StrategySettings &settings, const BookStore &books);

    // The exchange time of the update being applied (signals fire inside it).
    void setNow(std::int64_t timestampMs) noexcept { m_nowMs = timestampMs; }
    void onSignal(const Signal &s) override;
    // After the engine saw a top: this asset's stop, and every hold that ended.
    void afterTop(const AssetBook &asset, std::int64_t timestampMs);
    // End of the recording: open trades exit at their books as they are.
    void finish();

    const StrategySettings &settings() const noexcept { return m_settings; }
    // Closed trades in the order they closed.
    const std::vector<StrategyTrade> &trades() const noexcept { return m_closed; }
    std::vector<StrategyTrade> takeTrades() { return std::move(m_closed); }
    const Skips &skips() const noexcept { return m_skips; }

private:
    struct Open
    {
        StrategyTrade trade;
        Fixed remaining = 0; // shares still to give back
        std::string marketKey; // the market (condition id), or the asset when unknown
        bool exiting = false;
    };
    bool stopHit(const Open &open, const OrderBook &book) const;
    // Gives back what the book takes; true once nothing remains.
    bool exit(Open &open, const OrderBook &book, ExitReason reason);
    void closeDueHolds();

    StrategySettings m_settings;
    const BookStore &m_books;
    std::unordered_map<std::string, Open> m_open;
    std::vector<StrategyTrade> m_closed;
    Skips m_skips;
    std::int64_t m_nowMs = 0;
    std::int64_t m_nextDueMs = 0; // earliest hold end among open trades (0: none)
};

} // namespace polymon
