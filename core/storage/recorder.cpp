#include "recorder.h"

#include "analysis/signalengine.h"
#include "monitor/marketmonitor.h"
#include "readonlyconnection.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace polymon {

namespace {

// [["0.5","120.25"],...] best first, exact decimals.
QByteArray levelsJson(std::span<const PriceLevel> bestLast, int limit)
{
    QByteArray out = "[";
    int n = 0;
    for (auto it = bestLast.rbegin(); it != bestLast.rend() && n < limit; ++it, ++n) {
        if (n)
            out += ',';
        out += "[\"";
        out += formatFixed(it->price).c_str();
        out += "\",\"";
        out += formatFixed(it->size).c_str();
        out += "\"]";
    }
    out += ']';
    return out;
}

} // namespace

Recorder::Recorder(MarketMonitor &monitor, StorageWriter &writer, Fixed band, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_writer(writer)
    , m_band(band)
{
    m_timer.setInterval(kSnapshotIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Recorder::snapshotChanged);
    m_timer.start();
    connect(&monitor, &MarketMonitor::tradeReceived, this, [this](const TradePrint &t) { m_writer.enqueue(t); });
    connect(&monitor, &MarketMonitor::signalFired, this,
            [this](const Signal &s) { m_writer.enqueue(SignalRow{s, false}); });
    connect(&monitor, &MarketMonitor::outcomeResolved, this,
            [this](const Signal &s) { m_writer.enqueue(SignalRow{s, true}); });
}

void Recorder::recordMarket(const MarketInfo &market)
{
    m_writer.enqueue(MarketRow{market.conditionId, market.question, market.slug,
                               market.endDate.isValid() ? market.endDate.toString(Qt::ISODate) : QString(),
                               market.tokenIds, market.outcomes});
}

SnapshotRow Recorder::snapshot(const AssetBook &a, Fixed band)
{
    return SnapshotRow{QString::fromStdString(a.assetId), a.lastUpdateMs, a.book.metrics(band),
                       levelsJson(a.book.bids(), kLevelsPerSide), levelsJson(a.book.asks(), kLevelsPerSide), a.tickSize};
}

void Recorder::snapshotChanged()
{
    m_monitor.books().forEach([this](const AssetBook &a) {
        if (!a.synced())
            return;
        const QString id = QString::fromStdString(a.assetId);
        auto it = m_recordedUpdates.find(id);
        if (it != m_recordedUpdates.end() && it.value() == a.updates)
            return;
        m_recordedUpdates.insert(id, a.updates);
        m_writer.enqueue(snapshot(a, m_band));
    });
}

int Recorder::seedBaselines(const QString &dbPath, SignalEngine &engine, const QStringList &assetIds, qint64 nowMs)
{
    ReadOnlyConnection connection(dbPath);
    QString error;
    if (!connection.open(error))
        return 0; // no database yet, or an unreadable one: nothing to seed
    int used = 0;
    QSqlDatabase &db = connection.db();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ts, band_bid_depth, band_ask_depth, spread, imbalance, tick FROM order_book_snapshot "
                             "WHERE asset_id = ? AND ts >= ? AND spread IS NOT NULL ORDER BY ts"));
    const qint64 since = nowMs - qint64(engine.settings().baselineBuckets) * engine.settings().bucketSeconds * 1000;
    for (const QString &id : assetIds) {
        q.addBindValue(id);
        q.addBindValue(since);
        if (!q.exec())
            continue;
        const std::string asset = id.toStdString();
        qint64 lastTs = 0;
        while (q.next()) {
            const qint64 ts = q.value(0).toLongLong();
            if (ts - lastTs < engine.settings().sampleIntervalMs)
                continue;
            lastTs = ts;
            // Stored spreads are prices; the baseline keeps ticks. Rows from
            // before the tick was stored count in cents, as the engine does.
            const qint64 tick = q.value(5).toLongLong() > 0 ? q.value(5).toLongLong() : 10'000;
            engine.seedBaseline(asset, ts,
                                BaselineSample{q.value(1).toLongLong(), q.value(2).toLongLong(),
                                               double(q.value(3).toLongLong()) / double(tick), q.value(4).toDouble()});
            ++used;
        }
    }
    return used;
}

} // namespace polymon
