#include "clobmarketrules.h"

#include <QJsonArray>

#include <cmath>

namespace polymon {

namespace {

// The CLOB writes these as JSON numbers (0.07, 0.01, 5). Each has at most
// six decimals, so the nearest millionth of the parsed double is the
// decimal that was written: exact, not a float carried into money.
bool millionths(const QJsonValue &v, Fixed &out)
{
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0 || v.toDouble() > 1e9)
        return false;
    out = Fixed(std::llround(v.toDouble() * double(kFixedScale)));
    return true;
}

} // namespace

bool ClobMarketRules::fromJson(const QJsonObject &o, ClobMarketRules &out, QString &error)
{
    out = {};
    for (const QJsonValue &t : o.value(QStringLiteral("t")).toArray()) {
        const QString token = t.toObject().value(QStringLiteral("t")).toString();
        if (!token.isEmpty())
            out.tokenIds << token;
    }
    if (o.contains(QStringLiteral("mts")) && !millionths(o.value(QStringLiteral("mts")), out.tick)) {
        error = QStringLiteral("mts (the tick) is not a number");
        return false;
    }
    if (o.contains(QStringLiteral("mos")) && !millionths(o.value(QStringLiteral("mos")), out.minOrderSize)) {
        error = QStringLiteral("mos (the minimum order size) is not a number");
        return false;
    }
    const QJsonValue nr = o.value(QStringLiteral("nr"));
    out.negRiskKnown = nr.isBool();
    out.negRisk = nr.toBool();
    const QJsonValue fd = o.value(QStringLiteral("fd"));
    if (fd.isObject()) {
        const QJsonObject f = fd.toObject();
        const QJsonValue e = f.value(QStringLiteral("e"));
        if (!millionths(f.value(QStringLiteral("r")), out.fees.rate) || (!e.isUndefined() && !e.isDouble())) {
            error = QStringLiteral("fd (the fee) has no numeric rate r or exponent e");
            return false;
        }
        out.fees.exponent = e.isUndefined() ? 1 : e.toInt(-1);
        if (!out.fees.valid() || double(out.fees.exponent) != e.toDouble(1)) {
            error = QStringLiteral("fd (the fee): rate %1 or exponent %2 outside what the exchange uses")
                        .arg(f.value(QStringLiteral("r")).toDouble())
                        .arg(e.toDouble(1));
            return false;
        }
        out.feesKnown = true;
    }
    if (out.tokenIds.isEmpty() && !out.feesKnown && out.tick == 0) {
        error = QStringLiteral("not a /clob-markets answer");
        return false;
    }
    return true;
}

} // namespace polymon
