#pragma once

#include "protocol/fixedpoint.h"

#include <QString>

namespace polymon::PriceFormat {

// One price unit for every panel, chosen in Settings ▸ Appearance: cents
// ("52¢", "52.5¢", as Polymarket's site writes them) or decimals ("0.52",
// "0.525", as the API does). Exact: written from the fixed-point value.
enum class Unit { Cents, Decimals };

Unit unit();
void setUnit(Unit unit);
QString unitName(Unit unit);

// A price: "52¢" / "0.52"; finer ticks keep their digits ("52.5¢" / "0.525").
QString price(Fixed price);
// A distance between prices (spread, move): "1¢" / "0.01"; signed adds "+".
QString difference(Fixed distance);
QString signedDifference(Fixed distance);
// A measured average in price units (e.g. a mean move of 0.0123): rounded,
// "1.23¢" / "0.0123".
QString approximate(double priceUnits);
// The number a chart axis shows for a price (52.0 or 0.52) and its suffix.
double axisValue(double priceUnits);
QString axisSuffix();

} // namespace polymon::PriceFormat
