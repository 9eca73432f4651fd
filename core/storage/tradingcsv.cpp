#include "tradingcsv.h"

#include "readonlyconnection.h"
#include "signalcsv.h"

#include "protocol/fixedpoint.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace polymon {

bool TradingCsv::exportFills(const QString &dbPath, const QString &account, qint64 sinceMs, QIODevice &out, int &rows,
                             QString &error)
{
    rows = 0;
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral(
            "SELECT f.id, f.ts, f.order_id, o.order_type, o.price, f.asset_id, a.outcome, m.question, f.side, f.price, "
            "f.size, f.notional, f.fee, f.maker FROM trading_fill f "
            "LEFT JOIN trading_order o ON o.account = f.account AND o.id = f.order_id "
            "LEFT JOIN asset a ON a.asset_id = f.asset_id LEFT JOIN market m ON m.condition_id = a.condition_id "
            "WHERE f.account = ? AND f.ts >= ? ORDER BY f.id"))) {
        error = q.lastError().text();
        return false;
    }
    q.addBindValue(account);
    q.addBindValue(sinceMs);
    if (!q.exec()) {
        error = q.lastError().text();
        return false;
    }
    auto decimal = [](const QVariant &v) {
        return v.isNull() ? QString() : QString::fromStdString(formatFixed(v.toLongLong()));
    };
    const QStringList header = {QStringLiteral("fill_id"), QStringLiteral("time_utc"), QStringLiteral("ts_ms"),
                                QStringLiteral("order_id"), QStringLiteral("order_type"), QStringLiteral("limit_price"),
                                QStringLiteral("asset_id"), QStringLiteral("outcome"), QStringLiteral("question"),
                                QStringLiteral("side"), QStringLiteral("price"), QStringLiteral("shares"),
                                QStringLiteral("notional_usdc"), QStringLiteral("fee_usdc"), QStringLiteral("liquidity")};
    out.write(header.join(QLatin1Char(',')).toUtf8() + "\r\n");
    while (q.next()) {
        const qint64 ts = q.value(1).toLongLong();
        const qint64 orderId = q.value(2).toLongLong();
        const QString liquidity = orderId == 0 ? QStringLiteral("settlement")
                                               : (q.value(13).toInt() ? QStringLiteral("maker") : QStringLiteral("taker"));
        const QStringList cells = {
            q.value(0).toString(),
            QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODateWithMs),
            QString::number(ts),
            QString::number(orderId),
            SignalCsv::field(q.value(3).toString(), true),
            decimal(q.value(4)),
            SignalCsv::field(q.value(5).toString(), true),
            SignalCsv::field(q.value(6).toString(), true),
            SignalCsv::field(q.value(7).toString(), true),
            q.value(8).toString(),
            decimal(q.value(9)),
            decimal(q.value(10)),
            decimal(q.value(11)),
            decimal(q.value(12)),
            liquidity,
        };
        out.write(cells.join(QLatin1Char(',')).toUtf8() + "\r\n");
        ++rows;
    }
    return true;
}

} // namespace polymon
