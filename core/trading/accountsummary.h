#pragma once

#include "position.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

namespace polymon {

// The account as the views show it: one value, sent a few times a second.
struct PositionView
{
    Position position;
    Fixed mark = 0;       // the bid it is valued at
    Fixed unrealized = 0; // at the mark, fees not included
    Fixed stop = 0;       // stop-loss price, 0 none
};

struct AccountSummary
{
    QString account;     // "paper" or "replay practice"
    bool locked = true;
    bool persisted = false; // stored in the database and restored on restart
    Fixed cash = 0;
    Fixed realized = 0;
    Fixed unrealized = 0;
    Fixed fees = 0;
    Fixed dailyPnl = 0;
    Fixed dailyLossLimit = 0; // 0: none
    int workingOrders = 0;
    QList<PositionView> positions; // held now, or traded this session

    Fixed netPnl() const noexcept { return realized + unrealized - fees; }
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::AccountSummary)
