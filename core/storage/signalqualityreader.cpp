#include "signalqualityreader.h"

#include "readonlyconnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace polymon {

namespace {

double price(qint64 v)
{
    return double(v) / double(kFixedScale);
}

} // namespace

bool SignalQualityReader::read(const QString &dbPath, qint64 sinceMs, const FeeSchedule &fees, Result &out, QString &error)
{
    out = Result{};
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlQuery signals(connection.db()), at(connection.db()), later(connection.db());
    signals.setForwardOnly(true);
    if (!signals.prepare(QStringLiteral("SELECT signal_type, asset_id, ts, side, best_bid, best_ask, mid, resolved, reverted, "
                                        "tracked FROM psychology_signal WHERE ts >= ? ORDER BY ts"))
        || !at.prepare(QStringLiteral("SELECT mid, best_bid, best_ask FROM order_book_snapshot WHERE asset_id = ? AND ts <= ? "
                                      "ORDER BY ts DESC LIMIT 1"))
        || !later.prepare(QStringLiteral("SELECT 1 FROM order_book_snapshot WHERE asset_id = ? AND ts > ? LIMIT 1"))) {
        error = signals.lastError().text() + at.lastError().text() + later.lastError().text();
        return false;
    }
    signals.addBindValue(sinceMs);
    if (!signals.exec()) {
        error = signals.lastError().text();
        return false;
    }
    while (signals.next()) {
        SignalType type;
        if (!signalTypeFromName(signals.value(0).toString().toStdString(), type))
            continue;
        const QString asset = signals.value(1).toString();
        const qint64 ts = signals.value(2).toLongLong();
        const QString side = signals.value(3).toString();
        if (signals.value(7).toInt() == 1 && signals.value(9).toInt() == 1)
            out.quality.addOutcome(type, signals.value(8).toInt() == 1);
        if (side != QLatin1String("BUY") && side != QLatin1String("SELL"))
            continue;
        ++out.signals;
        const bool buy = side == QLatin1String("BUY");
        const double direction = buy ? 1.0 : -1.0;
        const qint64 mid0 = signals.value(6).toLongLong();
        const qint64 entry = buy ? signals.value(5).toLongLong() : signals.value(4).toLongLong();
        for (std::size_t h = 0; h < SignalQuality::kHorizons; ++h) {
            const qint64 when = ts + SignalQuality::kHorizonsMs[h];
            later.addBindValue(asset);
            later.addBindValue(when);
            if (!later.exec() || !later.next())
                break; // not recorded that far: unknown, not zero
            at.addBindValue(asset);
            at.addBindValue(when);
            if (!at.exec() || !at.next() || at.value(0).isNull())
                break;
            out.quality.addMove(type, h, direction * price(at.value(0).toLongLong() - mid0));
            if (h + 1 == SignalQuality::kHorizons && !at.value(1).isNull() && !at.value(2).isNull() && entry > 0) {
                const qint64 exit = buy ? at.value(1).toLongLong() : at.value(2).toLongLong();
                const double fee = price(fees.takerFee(kFixedScale, Fixed(entry)) + fees.takerFee(kFixedScale, Fixed(exit)));
                out.quality.addPnl(type, direction * price(exit - entry) - fee);
            }
        }
    }
    return true;
}

} // namespace polymon
