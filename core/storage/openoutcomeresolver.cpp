#include "openoutcomeresolver.h"

#include "analysis/outcometracker.h"
#include "readonlyconnection.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace polymon {

namespace {

// True when recording spans cover [from, to] with no hole over kMaxGapMs. A
// database from before spans were kept has none: then the asset's own
// snapshots stand in (a hole in them over the limit is a gap).
bool covered(QSqlDatabase &db, const QString &assetId, qint64 from, qint64 to)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT started_ms, last_ms FROM recording_span WHERE started_ms <= ? AND last_ms >= ? "
                             "ORDER BY started_ms"));
    q.addBindValue(to);
    q.addBindValue(from - OpenOutcomeResolver::kMaxGapMs);
    QList<std::pair<qint64, qint64>> spans;
    if (q.exec()) {
        while (q.next())
            spans.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    }
    QSqlQuery any(db);
    const bool spansKept = any.exec(QStringLiteral("SELECT 1 FROM recording_span LIMIT 1")) && any.next();
    if (!spansKept) {
        q.prepare(QStringLiteral("SELECT ts FROM order_book_snapshot WHERE asset_id = ? AND ts BETWEEN ? AND ? ORDER BY ts"));
        q.addBindValue(assetId);
        q.addBindValue(from);
        q.addBindValue(to);
        if (!q.exec())
            return false;
        while (q.next()) {
            const qint64 ts = q.value(0).toLongLong();
            spans.append({ts, ts});
        }
    }
    qint64 reached = from; // covered up to here
    for (const auto &[start, last] : spans) {
        if (start - reached > OpenOutcomeResolver::kMaxGapMs)
            return false;
        reached = std::max(reached, last);
    }
    return to - reached <= OpenOutcomeResolver::kMaxGapMs;
}

} // namespace

QList<Signal> OpenOutcomeResolver::resolve(const QString &dbPath, qint64 horizonMs, qint64 before, qint64 nowMs)
{
    QList<Signal> out;
    ReadOnlyConnection connection(dbPath);
    QString error;
    if (!connection.open(error))
        return out;
    QSqlDatabase &db = connection.db();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT signal_type, asset_id, market, ts, side, best_bid, best_ask, mid, "
                             "expected_reversion, spread_ratio FROM psychology_signal "
                             "WHERE resolved = 0 AND ts < ? AND ts <= ? AND signal_key IS NOT NULL ORDER BY ts"));
    q.addBindValue(before);
    q.addBindValue(nowMs - horizonMs);
    if (!q.exec())
        return out;
    QSqlQuery tops(db);
    tops.prepare(QStringLiteral("SELECT ts, best_bid, best_ask FROM order_book_snapshot WHERE asset_id = ? AND ts > ? "
                                "AND ts <= ? AND best_bid IS NOT NULL AND best_ask IS NOT NULL ORDER BY ts"));
    while (q.next()) {
        Signal s;
        if (!signalTypeFromName(q.value(0).toString().toStdString(), s.type))
            continue;
        s.assetId = q.value(1).toString().toStdString();
        s.market = q.value(2).toString().toStdString();
        s.timestampMs = q.value(3).toLongLong();
        const QString side = q.value(4).toString();
        s.side = side == QLatin1String("BUY") ? SignalSide::Buy : side == QLatin1String("SELL") ? SignalSide::Sell : SignalSide::Avoid;
        s.bestBid = q.value(5).toLongLong();
        s.bestAsk = q.value(6).toLongLong();
        s.mid = q.value(7).toLongLong();
        s.expectedReversion = q.value(8).toLongLong();
        const double spreadRatio = q.value(9).toDouble();
        // The baseline spread is not stored; the spread and its ratio give it back.
        s.baselineSpread = spreadRatio > 0 ? Fixed(std::llround(double(s.bestAsk - s.bestBid) / spreadRatio)) : 0;
        const QString assetId = q.value(1).toString();
        if (!covered(db, assetId, s.timestampMs, s.timestampMs + horizonMs)) {
            s.resolved = true;
            s.tracked = false;
            out << s;
            continue;
        }
        OutcomeTracker tracker(horizonMs);
        tracker.track(s);
        tops.addBindValue(assetId);
        tops.addBindValue(qint64(s.timestampMs));
        tops.addBindValue(qint64(s.timestampMs + horizonMs));
        if (tops.exec()) {
            while (tops.next())
                tracker.onTop(s.assetId, tops.value(0).toLongLong(), tops.value(1).toLongLong(), tops.value(2).toLongLong());
        }
        for (Signal &resolved : tracker.resolveAll())
            out << resolved;
    }
    return out;
}

} // namespace polymon
