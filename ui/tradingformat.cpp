#include "tradingformat.h"

#include <QLocale>

namespace polymon::TradingFormat {

QString shares(Fixed shares)
{
    return QLocale().toString(double(shares) / double(kFixedScale), 'f', 2);
}

QString dollars(Fixed micro)
{
    // Exact cents, with the locale's thousands separators on the whole dollars.
    const QString digits = QString::fromStdString(formatFixedRounded(micro < 0 ? -micro : micro, 2));
    const qsizetype dot = digits.indexOf(QLatin1Char('.'));
    const QString whole = QLocale().toString(digits.left(dot).toLongLong());
    return (micro < 0 ? QStringLiteral("-$") : QStringLiteral("$")) + whole + QLocale().decimalPoint() + digits.mid(dot + 1);
}

QString signedDollars(Fixed micro)
{
    return micro > 0 ? QStringLiteral("+") + dollars(micro) : dollars(micro);
}

} // namespace polymon::TradingFormat
