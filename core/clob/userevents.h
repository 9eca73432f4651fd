#pragma once

#include "protocol/events.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace polymon {

// An `order` event of the user channel (also a row of GET /data/orders).
struct UserOrderEvent
{
    QString id; // the order hash
    QString market;
    QString assetId;
    Side side = Side::Buy;
    Fixed price = 0;
    Fixed originalSize = 0;
    Fixed sizeMatched = 0;
    QString type;   // PLACEMENT, UPDATE, CANCELLATION (empty in REST rows)
    QString status; // LIVE, MATCHED, CANCELED, ... without the reason suffix
    QString reason; // what followed the status ("CANCELED_order couldn't be ...")
};

// A `trade` event (also a row of GET /data/trades): the legs that name an
// order (the taker's, then each maker order's), so a broker books the ones
// whose order it knows, whichever side of the match it was on.
struct UserTradeEvent
{
    struct Leg
    {
        QString orderId;
        QString assetId;
        Side side = Side::Buy;
        Fixed price = 0;
        Fixed size = 0;
        bool maker = false;
    };
    QString id;
    QString market;
    QString status; // MATCHED, MINED, CONFIRMED, RETRYING, FAILED
    qint64 matchTimeS = 0;
    int feeRateBps = 0;
    QList<Leg> legs;
};

namespace UserEvents {

// Each parser returns false with the reason on a malformed object.
bool parseOrder(const QJsonObject &o, UserOrderEvent &out, QString &error);
bool parseTrade(const QJsonObject &o, UserTradeEvent &out, QString &error);

} // namespace UserEvents
} // namespace polymon
