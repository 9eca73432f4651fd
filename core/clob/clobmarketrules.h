#pragma once

#include "trading/feeschedule.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace polymon {

// A market's trading rules as the CLOB states them in
// GET /clob-markets/{condition_id}: {"t": [{"t": token, "o": outcome}],
// "mos": minimum order size, "mts": tick, "nr": neg-risk, "fd": {"r": fee
// rate, "e": exponent, "to": taker only}}. The source of truth for fees
// (Gamma only says whether a market has them).
struct ClobMarketRules
{
    QStringList tokenIds;
    Fixed tick = 0;         // 0: not stated
    Fixed minOrderSize = 0; // shares, 0: not stated
    bool negRiskKnown = false;
    bool negRisk = false;
    bool feesKnown = false;
    FeeSchedule fees;

    // False with the reason when the answer is not such an object.
    static bool fromJson(const QJsonObject &o, ClobMarketRules &out, QString &error);
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::ClobMarketRules)
