#include "historyreader.h"

#include "analysis/signalengine.h"
#include "readonlyconnection.h"
#include "snapshotrows.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace polymon {

namespace {

constexpr qint64 kPointSpacingMs = 1000;
// Rows stored before the tick was kept (schema 3) count in cents, as the engine does.
constexpr qint64 kDefaultTick = 10'000;

SignalSide sideFromName(const QString &side)
{
    return side == QLatin1String("BUY") ? SignalSide::Buy : side == QLatin1String("SELL") ? SignalSide::Sell : SignalSide::Avoid;
}

} // namespace

QList<AssetHistory> HistoryReader::read(const QString &dbPath, const Request &request)
{
    QList<AssetHistory> out;
    for (const QString &id : request.assetIds) {
        AssetHistory h;
        h.assetId = id;
        out << h;
    }
    ReadOnlyConnection connection(dbPath);
    QString error;
    if (!connection.open(error))
        return out; // no database yet, or an unreadable one: nothing remembered
    const qint64 since = std::min(request.chartSinceMs, request.baselineSinceMs);
    QSqlQuery q(connection.db());
    q.prepare(QStringLiteral("SELECT ts, best_bid, best_ask, spread, band_bid_depth, band_ask_depth, imbalance, tick, bids, asks "
                             "FROM order_book_snapshot WHERE asset_id = ? AND ts >= ? ORDER BY ts"));
    QSqlQuery s(connection.db());
    s.prepare(QStringLiteral("SELECT signal_type, side, ts, score, mid, description, market, resolved, reverted, "
                             "reversion_time, max_profit, max_adverse, tracked, depth_ratio, spread_ratio, imbalance, "
                             "best_bid, best_ask FROM psychology_signal WHERE asset_id = ? AND ts >= ? ORDER BY ts"));
    for (AssetHistory &history : out) {
        q.addBindValue(history.assetId);
        q.addBindValue(since);
        if (q.exec()) {
            qint64 lastSampleTs = std::numeric_limits<qint64>::min() / 2;
            while (q.next()) {
                const qint64 ts = q.value(0).toLongLong();
                const bool twoSided = !q.value(1).isNull() && !q.value(2).isNull();
                if (twoSided && ts >= request.chartSinceMs
                    && (history.points.isEmpty() || ts - history.points.back().ts >= kPointSpacingMs))
                    history.points.append(AssetHistory::Point{ts, q.value(1).toLongLong(), q.value(2).toLongLong()});
                if (ts >= request.chartSinceMs && (history.depth.isEmpty() || ts - history.depth.back().ts >= kPointSpacingMs))
                    history.depth.append(AssetHistory::Depth{ts, SnapshotRows::parseLevels(q.value(8).toString()),
                                                             SnapshotRows::parseLevels(q.value(9).toString())});
                if (!q.value(3).isNull() && ts >= request.baselineSinceMs && ts - lastSampleTs >= request.sampleIntervalMs) {
                    lastSampleTs = ts;
                    // Stored spreads are prices; the baseline keeps ticks.
                    const qint64 tick = q.value(7).toLongLong() > 0 ? q.value(7).toLongLong() : kDefaultTick;
                    history.baseline.append(AssetHistory::BaselineSeed{
                        ts, BaselineSample{q.value(4).toLongLong(), q.value(5).toLongLong(),
                                           double(q.value(3).toLongLong()) / double(tick), q.value(6).toDouble()}});
                }
            }
        }
        s.addBindValue(history.assetId);
        s.addBindValue(request.chartSinceMs);
        if (!s.exec())
            continue;
        while (s.next()) {
            Signal signal;
            if (!signalTypeFromName(s.value(0).toString().toStdString(), signal.type))
                continue;
            signal.side = sideFromName(s.value(1).toString());
            signal.assetId = history.assetId.toStdString();
            signal.timestampMs = s.value(2).toLongLong();
            signal.confidence = s.value(3).toInt();
            signal.mid = s.value(4).toLongLong();
            signal.description = s.value(5).toString().toStdString();
            signal.market = s.value(6).toString().toStdString();
            // With its outcome, so the signal log shows it after a restart as it was.
            signal.resolved = s.value(7).toInt() == 1;
            signal.reverted = s.value(8).toInt() == 1;
            signal.reversionTimeS = s.value(9).isNull() ? -1.0 : s.value(9).toDouble();
            signal.maxProfit = s.value(10).toLongLong();
            signal.maxAdverse = s.value(11).toLongLong();
            signal.tracked = s.value(12).isNull() || s.value(12).toInt() == 1;
            signal.depthRatio = s.value(13).toDouble();
            signal.spreadRatio = s.value(14).toDouble();
            signal.imbalance = s.value(15).toDouble();
            signal.bestBid = s.value(16).toLongLong();
            signal.bestAsk = s.value(17).toLongLong();
            history.signals_ << signal;
        }
    }
    return out;
}

int HistoryReader::seedBaseline(const AssetHistory &history, SignalEngine &engine)
{
    const std::string asset = history.assetId.toStdString();
    for (const AssetHistory::BaselineSeed &seed : history.baseline)
        engine.seedBaseline(asset, seed.ts, seed.sample);
    return int(history.baseline.size());
}

} // namespace polymon
