#pragma once

#include "marketinfo.h"

#include <QJsonObject>

namespace polymon {

// MarketInfo as a JSON object, so a watchlist keeps its markets even when
// they drop out of the first catalog pages.
class MarketInfoJson final
{
public:
    static QJsonObject toJson(const MarketInfo &market);
    // False when the object lacks a condition id or two token ids.
    static bool fromJson(const QJsonObject &object, MarketInfo &market);
};

} // namespace polymon
