#include "userevents.h"

#include "trading/order.h"

#include <QJsonArray>

namespace polymon::UserEvents {

namespace {

// A decimal string as fixed point.
bool fixedField(const QJsonObject &o, const char *name, Fixed &out, QString &error)
{
    // The exchange writes amounts as decimal strings; a JSON number would
    // have passed through binary floating point, so it is refused.
    const QByteArray text = o.value(QLatin1String(name)).toString().toLatin1();
    if (parseFixed(std::string_view(text.constData(), std::size_t(text.size())), out) != FixedError::None) {
        error = QStringLiteral("%1 is not a decimal number").arg(QLatin1String(name));
        return false;
    }
    return true;
}

bool sideField(const QJsonObject &o, Side &out, QString &error)
{
    if (!parseSide(o.value(QStringLiteral("side")).toString(), out)) {
        error = QStringLiteral("side is neither BUY nor SELL");
        return false;
    }
    return true;
}

} // namespace

bool parseOrder(const QJsonObject &o, UserOrderEvent &out, QString &error)
{
    out = {};
    out.id = o.value(QStringLiteral("id")).toString();
    out.market = o.value(QStringLiteral("market")).toString();
    out.assetId = o.value(QStringLiteral("asset_id")).toString();
    out.type = o.value(QStringLiteral("type")).toString();
    if (out.id.isEmpty() || out.assetId.isEmpty()) {
        error = QStringLiteral("an order event without id or asset_id");
        return false;
    }
    if (!sideField(o, out.side, error) || !fixedField(o, "price", out.price, error)
        || !fixedField(o, "original_size", out.originalSize, error) || !fixedField(o, "size_matched", out.sizeMatched, error))
        return false;
    // "CANCELED_order couldn't be fully filled...": the status, then its reason.
    const QString status = o.value(QStringLiteral("status")).toString();
    static const QStringList known{QStringLiteral("CANCELED_MARKET_RESOLVED"), QStringLiteral("LIVE"), QStringLiteral("MATCHED"),
                                   QStringLiteral("DELAYED"), QStringLiteral("UNMATCHED"), QStringLiteral("CANCELED"),
                                   QStringLiteral("INVALID")};
    for (const QString &k : known) {
        if (status.startsWith(k, Qt::CaseInsensitive)) {
            out.status = k;
            out.reason = status.mid(k.size()).remove(0, status.mid(k.size()).startsWith(QLatin1Char('_')) ? 1 : 0);
            return true;
        }
    }
    // Status is absent from some UPDATE/CANCELLATION events: the type says it.
    if (status.isEmpty() && out.type == QLatin1String("CANCELLATION")) {
        out.status = QStringLiteral("CANCELED");
        return true;
    }
    if (status.isEmpty()) {
        out.status = out.sizeMatched >= out.originalSize && out.originalSize > 0 ? QStringLiteral("MATCHED") : QStringLiteral("LIVE");
        return true;
    }
    error = QStringLiteral("unknown order status %1").arg(status);
    return false;
}

bool parseTrade(const QJsonObject &o, UserTradeEvent &out, QString &error)
{
    out = {};
    out.id = o.value(QStringLiteral("id")).toString();
    out.market = o.value(QStringLiteral("market")).toString();
    out.status = o.value(QStringLiteral("status")).toString().toUpper();
    out.matchTimeS = o.value(QStringLiteral("match_time")).toString().toLongLong();
    out.feeRateBps = o.value(QStringLiteral("fee_rate_bps")).toString().toInt();
    if (out.id.isEmpty() || out.status.isEmpty()) {
        error = QStringLiteral("a trade event without id or status");
        return false;
    }
    UserTradeEvent::Leg taker;
    taker.orderId = o.value(QStringLiteral("taker_order_id")).toString();
    taker.assetId = o.value(QStringLiteral("asset_id")).toString();
    if (!sideField(o, taker.side, error) || !fixedField(o, "price", taker.price, error) || !fixedField(o, "size", taker.size, error))
        return false;
    out.legs.append(taker);
    for (const QJsonValue &v : o.value(QStringLiteral("maker_orders")).toArray()) {
        const QJsonObject m = v.toObject();
        UserTradeEvent::Leg leg;
        leg.maker = true;
        leg.orderId = m.value(QStringLiteral("order_id")).toString();
        leg.assetId = m.value(QStringLiteral("asset_id")).toString(taker.assetId);
        if (!fixedField(m, "price", leg.price, error) || !fixedField(m, "matched_amount", leg.size, error))
            return false;
        // A maker order's side is the taker's opposite when it is not given
        // (same token); the sides of a cross-token match say it themselves.
        if (m.contains(QStringLiteral("side"))) {
            if (!sideField(m, leg.side, error))
                return false;
        } else {
            leg.side = taker.side == Side::Buy ? Side::Sell : Side::Buy;
        }
        out.legs.append(leg);
    }
    return true;
}

} // namespace polymon::UserEvents
