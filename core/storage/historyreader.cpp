#include "historyreader.h"

#include "readonlyconnection.h"

#include <QSqlQuery>

namespace polymon {

namespace {
constexpr qint64 kPointSpacingMs = 1000;
}

AssetHistory HistoryReader::read(const QString &dbPath, const QString &assetId, qint64 sinceMs)
{
    AssetHistory history;
    history.assetId = assetId;
    ReadOnlyConnection connection(dbPath);
    QString error;
    if (!connection.open(error))
        return history;
    QSqlQuery q(connection.db());
    q.prepare(QStringLiteral("SELECT ts, best_bid, best_ask FROM order_book_snapshot "
                             "WHERE asset_id = ? AND ts >= ? AND best_bid IS NOT NULL AND best_ask IS NOT NULL ORDER BY ts"));
    q.addBindValue(assetId);
    q.addBindValue(sinceMs);
    if (q.exec()) {
        while (q.next()) {
            const qint64 ts = q.value(0).toLongLong();
            if (!history.points.isEmpty() && ts - history.points.back().ts < kPointSpacingMs)
                continue;
            history.points.append(AssetHistory::Point{ts, q.value(1).toLongLong(), q.value(2).toLongLong()});
        }
    }
    QSqlQuery s(connection.db());
    s.prepare(QStringLiteral("SELECT signal_type, side, ts, score, mid, description, market FROM psychology_signal "
                             "WHERE asset_id = ? AND ts >= ? ORDER BY ts"));
    s.addBindValue(assetId);
    s.addBindValue(sinceMs);
    if (s.exec()) {
        while (s.next()) {
            Signal signal;
            if (!signalTypeFromName(s.value(0).toString().toStdString(), signal.type))
                continue;
            const QString side = s.value(1).toString();
            signal.side = side == QLatin1String("BUY")    ? SignalSide::Buy
                          : side == QLatin1String("SELL") ? SignalSide::Sell
                                                          : SignalSide::Avoid;
            signal.assetId = assetId.toStdString();
            signal.timestampMs = s.value(2).toLongLong();
            signal.confidence = s.value(3).toInt();
            signal.mid = s.value(4).toLongLong();
            signal.description = s.value(5).toString().toStdString();
            signal.market = s.value(6).toString().toStdString();
            history.signals_ << signal;
        }
    }
    return history;
}

} // namespace polymon
