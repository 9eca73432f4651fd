#include "tradingreader.h"

#include "readonlyconnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace polymon {

bool TradingReader::read(const QString &dbPath, const QString &account, Result &out, QString &error)
{
    out = Result{};
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlQuery orders(connection.db()), fills(connection.db()), last(connection.db());
    orders.setForwardOnly(connection.streamsSideBySide()); // read while the fills' query runs
    fills.setForwardOnly(connection.streamsSideBySide());
    if (!orders.prepare(QStringLiteral("SELECT id, asset_id, side, order_type, price, size, filled, status, post_only, "
                                       "expires_ms, created_ms, updated_ms FROM trading_order WHERE account = ? AND "
                                       "status IN ('LIVE', 'DELAYED') ORDER BY id"))
        || !fills.prepare(QStringLiteral("SELECT order_id, asset_id, ts, side, price, size, fee, notional, maker FROM "
                                         "trading_fill WHERE account = ? ORDER BY id"))
        || !last.prepare(QStringLiteral("SELECT MAX(id) FROM trading_order WHERE account = ?"))) {
        error = orders.lastError().text() + fills.lastError().text() + last.lastError().text();
        return false;
    }
    for (QSqlQuery *q : {&orders, &fills, &last}) {
        q->addBindValue(account);
        if (!q->exec()) {
            error = q->lastError().text();
            return false;
        }
    }
    while (orders.next()) {
        Order o;
        o.id = orders.value(0).toLongLong();
        o.request.assetId = orders.value(1).toString();
        if (!parseSide(orders.value(2).toString(), o.request.side) || !parseOrderType(orders.value(3).toString(), o.request.type)
            || !parseOrderStatus(orders.value(7).toString(), o.status))
            continue;
        o.request.price = orders.value(4).toLongLong();
        o.request.size = orders.value(5).toLongLong();
        o.filled = orders.value(6).toLongLong();
        o.request.postOnly = orders.value(8).toInt() != 0;
        o.request.expiresMs = orders.value(9).toLongLong();
        o.createdMs = orders.value(10).toLongLong();
        o.updatedMs = orders.value(11).toLongLong();
        out.working.push_back(o);
    }
    while (fills.next()) {
        Fill f;
        f.orderId = fills.value(0).toLongLong();
        f.assetId = fills.value(1).toString();
        f.timestampMs = fills.value(2).toLongLong();
        if (!parseSide(fills.value(3).toString(), f.side))
            continue;
        f.price = fills.value(4).toLongLong();
        f.size = fills.value(5).toLongLong();
        f.fee = fills.value(6).toLongLong();
        f.notional = fills.value(7).toLongLong();
        f.maker = fills.value(8).toInt() != 0;
        out.fills.push_back(f);
    }
    if (last.next())
        out.lastOrderId = last.value(0).toLongLong();
    return true;
}

} // namespace polymon
