#pragma once

#include "protocol/events.h"

#include <QMetaType>
#include <QString>

namespace polymon {

// One trade as the tape shows and the database stores it.
struct TradePrint
{
    QString assetId;
    qint64 timestampMs = 0;
    Fixed price = 0;
    Fixed size = 0;
    Side side = Side::Buy;
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::TradePrint)
