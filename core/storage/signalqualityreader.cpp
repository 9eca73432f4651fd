#include "signalqualityreader.h"

#include "readonlyconnection.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace polymon {

bool SignalQualityReader::read(const QString &dbPath, qint64 sinceMs, const FeeSchedule &fees, Result &out, QString &error)
{
    out = Result{};
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlQuery signals(connection.db()), at(connection.db()), last(connection.db());
    signals.setForwardOnly(connection.streamsSideBySide()); // read while `at` and `last` run
    if (!signals.prepare(QStringLiteral("SELECT signal_type, asset_id, ts, side, best_bid, best_ask, mid, resolved, reverted, "
                                        "tracked FROM psychology_signal WHERE ts >= ? ORDER BY ts"))
        || !at.prepare(QStringLiteral("SELECT mid, best_bid, best_ask FROM order_book_snapshot WHERE asset_id = ? AND ts <= ? "
                                      "ORDER BY ts DESC LIMIT 1"))
        || !last.prepare(QStringLiteral("SELECT MAX(ts) FROM order_book_snapshot WHERE asset_id = ?"))) {
        error = signals.lastError().text() + at.lastError().text() + last.lastError().text();
        return false;
    }
    signals.addBindValue(sinceMs);
    if (!signals.exec()) {
        error = signals.lastError().text();
        return false;
    }
    // How far each asset was recorded: a horizon past it is unknown, not zero.
    QHash<QString, qint64> recordedUntil;
    auto lastSnapshotMs = [&](const QString &asset) {
        const auto it = recordedUntil.constFind(asset);
        if (it != recordedUntil.cend())
            return *it;
        last.addBindValue(asset);
        const qint64 ms = last.exec() && last.next() && !last.value(0).isNull() ? last.value(0).toLongLong() : 0;
        recordedUntil.insert(asset, ms);
        return ms;
    };
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
        const Fixed mid0 = signals.value(6).toLongLong();
        const Fixed entry = buy ? signals.value(5).toLongLong() : signals.value(4).toLongLong();
        for (std::size_t h = 0; h < SignalQuality::kHorizons; ++h) {
            const qint64 when = ts + SignalQuality::kHorizonsMs[h];
            if (when >= lastSnapshotMs(asset))
                break;
            at.addBindValue(asset);
            at.addBindValue(when);
            if (!at.exec() || !at.next() || at.value(0).isNull())
                break;
            out.quality.addMove(type, h, buy, mid0, at.value(0).toLongLong());
            if (h + 1 == SignalQuality::kHorizons && !at.value(1).isNull() && !at.value(2).isNull() && entry > 0)
                out.quality.addRoundTrip(type, buy, entry, buy ? at.value(1).toLongLong() : at.value(2).toLongLong(), fees);
        }
    }
    return true;
}

} // namespace polymon
