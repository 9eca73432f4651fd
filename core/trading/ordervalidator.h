#pragma once

#include "marketrules.h"
#include "order.h"

#include <QString>

namespace polymon {

// The exchange's checks on an order before it can rest or match, with the
// reason in plain words; an empty string means it passes. Checks against the
// live tick (shared/trading.md: cached ticks go stale).
class OrderValidator final
{
public:
    // GTD orders must expire at least this far ahead (the exchange's
    // security threshold).
    static constexpr std::int64_t kMinGtdLeadMs = 60'000;

    static QString check(const OrderRequest &order, const MarketRules &rules, std::int64_t nowMs);
};

} // namespace polymon
