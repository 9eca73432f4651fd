#pragma once

#include "trading/order.h"

#include <QString>

#include <vector>

namespace polymon {

// What a restart needs to carry on trading where it stopped: the orders
// still working and every fill (the portfolio is rebuilt from the fills, so
// it reconciles exactly), for one account.
class TradingReader final
{
public:
    struct Result
    {
        std::vector<Order> working;
        std::vector<Fill> fills; // in the order they happened
        qint64 lastOrderId = 0;
    };
    static bool read(const QString &dbPath, const QString &account, Result &out, QString &error);
};

} // namespace polymon
