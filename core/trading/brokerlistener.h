#pragma once

#include "order.h"

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
};

} // namespace polymon
