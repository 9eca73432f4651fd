#pragma once

#include "order.h"

namespace polymon {

// Limits checked before any order leaves; 0 turns one off. Money in
// micro-USDC, shares in millionths.
struct RiskLimits
{
    Fixed maxPositionShares = 0;  // per market: YES and NO held plus open buys
    Fixed maxPositionDollars = 0; // per market: cost held plus open buys
    Fixed maxOrderNotional = 0;   // price x size of one order
    Fixed maxDailyLoss = 0;       // once today's PnL falls this far, only reducing orders
    Fixed stopSlippage = 50'000;  // a stop's sell may fill this far below the stop price
};

// What the limits are checked against, from the portfolio and the working orders.
struct RiskContext
{
    Fixed cashAvailable = 0;     // cash less what open buys would spend
    Fixed heldShares = 0;        // of the order's token
    Fixed openSellShares = 0;    // of the order's token, in working sells
    Fixed marketShares = 0;      // YES and NO held plus open buys, in the order's market
    Fixed marketDollars = 0;     // cost held plus open buys' notional, in the order's market
    Fixed dailyPnl = 0;          // since the start of the day (UTC, event time)
};

// Refuses what the limits forbid, with the reason; empty when it may go.
class RiskGate final
{
public:
    static QString check(const OrderRequest &order, const RiskLimits &limits, const RiskContext &context);
};

} // namespace polymon
