#pragma once

#include "protocol/fixedpoint.h"

#include <QString>

namespace polymon::TradingFormat {

// Prices as the ladder writes them ("0.52"), shares to the hundredth,
// dollars signed to the cent ("+$1.25", "-$0.40").
QString price(Fixed price);
QString shares(Fixed shares);
QString dollars(Fixed micro);
QString signedDollars(Fixed micro);

} // namespace polymon::TradingFormat
