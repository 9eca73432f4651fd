#pragma once

#include "order.h"

namespace polymon {

// What the trading desk reports, in its thread; default handlers ignore.
class DeskListener
{
public:
    virtual ~DeskListener() = default;
    virtual void onOrderUpdated(const Order &) {}
    // After the portfolio counted it (settlements have order id 0).
    virtual void onFill(const Fill &) {}
    // A stop-loss fired and sent (or failed to send) its reducing order.
    virtual void onStopTriggered(const QString & /*assetId*/, const Order &) {}
};

} // namespace polymon
