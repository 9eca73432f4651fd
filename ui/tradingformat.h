#pragma once

#include "protocol/fixedpoint.h"

#include <QString>

namespace polymon::TradingFormat {

// Shares to the hundredth, dollars signed to the cent ("+$1.25",
// "-$0.40"). Prices: PriceFormat.
QString shares(Fixed shares);
QString dollars(Fixed micro);
QString signedDollars(Fixed micro);

} // namespace polymon::TradingFormat
