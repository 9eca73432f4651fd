#include "priceformat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace polymon::PriceFormat {

namespace {
Unit g_unit = Unit::Cents;
const QString kCent = QStringLiteral("¢");
} // namespace

Unit unit()
{
    return g_unit;
}

void setUnit(Unit unit)
{
    g_unit = unit;
}

QString unitName(Unit unit)
{
    return unit == Unit::Cents ? QCoreApplication::translate("PriceFormat", "Cents (52¢)")
                               : QCoreApplication::translate("PriceFormat", "Decimals (0.52)");
}

QString price(Fixed price)
{
    if (g_unit == Unit::Decimals)
        return QString::fromStdString(formatFixed(price, 2));
    return QString::fromStdString(formatFixed(price * 100)) + kCent; // exact: 0.525 -> 52.5
}

QString difference(Fixed distance)
{
    return price(distance);
}

QString signedDifference(Fixed distance)
{
    return distance > 0 ? QStringLiteral("+") + difference(distance) : difference(distance);
}

QString approximate(double priceUnits)
{
    if (g_unit == Unit::Decimals)
        return QLocale().toString(priceUnits, 'f', 4);
    return QLocale().toString(priceUnits * 100.0, 'f', 2) + kCent;
}

double axisValue(double priceUnits)
{
    return g_unit == Unit::Cents ? priceUnits * 100.0 : priceUnits;
}

QString axisSuffix()
{
    return g_unit == Unit::Cents ? kCent : QString();
}

} // namespace polymon::PriceFormat
