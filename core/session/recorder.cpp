#include "recorder.h"

#include "monitor/marketmonitor.h"

#include <QDateTime>
#include <QUuid>

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
    m_span = SpanRow{QUuid::createUuid().toString(QUuid::WithoutBraces), QDateTime::currentMSecsSinceEpoch(), 0};
    heartbeat();
    m_spanTimer.setInterval(kSpanHeartbeatMs);
    connect(&m_spanTimer, &QTimer::timeout, this, &Recorder::heartbeat);
    m_spanTimer.start();
    m_timer.setInterval(kSnapshotIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Recorder::snapshotChanged);
    m_timer.start();
    connect(&monitor, &MarketMonitor::tradeReceived, this, [this](const TradePrint &t) { m_writer.enqueue(t); });
    connect(&monitor, &MarketMonitor::signalFired, this,
            [this](const Signal &s) { m_writer.enqueue(SignalRow{s, false}); });
    connect(&monitor, &MarketMonitor::outcomeResolved, this,
            [this](const Signal &s) { m_writer.enqueue(SignalRow{s, true}); });
}

Recorder::~Recorder()
{
    heartbeat();
}

void Recorder::heartbeat()
{
    m_span.lastMs = QDateTime::currentMSecsSinceEpoch();
    m_writer.enqueue(m_span);
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

} // namespace polymon
