#include "risklimits.h"

namespace polymon {

namespace {
QString dollars(Fixed v)
{
    return QStringLiteral("$") + QString::fromStdString(formatFixedRounded(v, 2));
}
QString shares(Fixed v)
{
    return QString::fromStdString(formatFixed(v));
}
} // namespace

QString RiskGate::check(const OrderRequest &order, const RiskLimits &limits, const RiskContext &c)
{
    const Fixed notional = order.notional();
    if (order.side == Side::Sell) {
        // Selling what is held (and not already offered) only ever reduces.
        if (order.size + c.openSellShares > c.heldShares)
            return QStringLiteral("you hold %1 shares of this token (%2 already in open sell orders)")
                .arg(shares(c.heldShares), shares(c.openSellShares));
        return {};
    }
    if (order.reduceOnly)
        return QStringLiteral("a reducing order cannot buy");
    if (limits.maxDailyLoss > 0 && c.dailyPnl <= -limits.maxDailyLoss)
        return QStringLiteral("daily loss limit %1 reached (today %2): only reducing orders until tomorrow (UTC)")
            .arg(dollars(limits.maxDailyLoss), dollars(c.dailyPnl));
    if (limits.maxOrderNotional > 0 && notional > limits.maxOrderNotional)
        return QStringLiteral("order of %1 is above the %2 order limit").arg(dollars(notional), dollars(limits.maxOrderNotional));
    if (limits.maxPositionShares > 0 && c.marketShares + order.size > limits.maxPositionShares)
        return QStringLiteral("position in this market would reach %1 shares, above the %2 limit")
            .arg(shares(c.marketShares + order.size), shares(limits.maxPositionShares));
    if (limits.maxPositionDollars > 0 && c.marketDollars + notional > limits.maxPositionDollars)
        return QStringLiteral("position in this market would reach %1, above the %2 limit")
            .arg(dollars(c.marketDollars + notional), dollars(limits.maxPositionDollars));
    if (notional > c.cashAvailable)
        return QStringLiteral("not enough cash: the order needs %1, %2 is free").arg(dollars(notional), dollars(c.cashAvailable));
    return {};
}

} // namespace polymon
