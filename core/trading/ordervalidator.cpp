#include "ordervalidator.h"

#include "orderamounts.h"

namespace polymon {

namespace {
QString money(Fixed v)
{
    return QString::fromStdString(formatFixed(v));
}
} // namespace

QString OrderValidator::check(const OrderRequest &order, const MarketRules &rules, std::int64_t nowMs)
{
    const auto config = RoundingConfig::forTick(rules.tick);
    if (!config)
        return QStringLiteral("the market's tick %1 is not one the exchange uses").arg(money(rules.tick));
    if (order.assetId.isEmpty())
        return QStringLiteral("no token given");
    if (order.size <= 0)
        return QStringLiteral("size must be more than 0");
    if (roundDownTo(order.size, config->size) != order.size)
        return QStringLiteral("size %1 has more than %2 decimals").arg(money(order.size)).arg(config->size);
    if (order.price < rules.tick || order.price > kFixedScale - rules.tick)
        return QStringLiteral("price %1 is outside %2 to %3")
            .arg(money(order.price), money(rules.tick), money(kFixedScale - rules.tick));
    if (order.price % rules.tick != 0)
        return QStringLiteral("price %1 is not on the tick %2").arg(money(order.price), money(rules.tick));
    if (isMarketable(order.type)) {
        if (order.postOnly)
            return QStringLiteral("post-only cannot be used with %1").arg(QLatin1StringView(orderTypeName(order.type)));
        if (order.notional() < rules.minMarketableNotional)
            return QStringLiteral("a marketable order must be worth at least $%1 (this one $%2)")
                .arg(money(rules.minMarketableNotional), QString::fromStdString(formatFixedRounded(order.notional(), 2)));
    } else if (order.size < rules.minOrderSize) {
        return QStringLiteral("size %1 is below the market's minimum of %2 shares")
            .arg(money(order.size), money(rules.minOrderSize));
    }
    if (order.type == OrderType::GTD && order.expiresMs < nowMs + kMinGtdLeadMs)
        return QStringLiteral("a GTD order must expire at least 60 s from now");
    return {};
}

} // namespace polymon
