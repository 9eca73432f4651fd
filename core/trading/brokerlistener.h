#pragma once

#include "order.h"

#include <QString>

namespace polymon {

// What a broker reports, in the thread it runs in; default handlers ignore.
class BrokerListener
{
public:
    virtual ~BrokerListener() = default;
    // Every change of an order: accepted, queue moved, filled, cancelled, refused.
    virtual void onOrderUpdated(const Order &) {}
    // Before the order's own update that counts it.
    virtual void onFill(const Fill &) {}
    // The exchange's collateral balance at the start of a live session (micro-dollars).
    virtual void onCashBalance(Fixed) {}
    // Shares of a token the account held at the exchange when the live session began.
    virtual void onHeldAtStart(const QString &, Fixed) {}
};

} // namespace polymon
