#include "recorder.h"

#include "monitor/marketmonitor.h"
#include "storage/snapshotrows.h"

#include <QDateTime>
#include <QSet>
#include <QSysInfo>
#include <QUuid>

namespace polymon {

Recorder::Recorder(MarketMonitor &monitor, StorageWriter &writer, Fixed band, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_writer(writer)
    , m_band(band)
{
    m_span = SpanRow{QUuid::createUuid().toString(QUuid::WithoutBraces), QDateTime::currentMSecsSinceEpoch(), 0,
                     QSysInfo::machineHostName()};
    heartbeat();
    m_spanTimer.setInterval(kSpanHeartbeatMs);
    connect(&m_spanTimer, &QTimer::timeout, this, &Recorder::heartbeat);
    m_spanTimer.start();
    m_timer.setInterval(SnapshotRows::kIntervalMs);
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
    // Every stretch in progress is extended to now.
    for (auto it = m_stretchFrom.cbegin(); it != m_stretchFrom.cend(); ++it)
        m_writer.enqueue(CoverageRow{m_span.sessionId, it.key(), it.value(), m_span.lastMs});
}

void Recorder::updateCoverage(const QString &id, bool synced, qint64 nowMs)
{
    const auto it = m_stretchFrom.find(id);
    if (synced) {
        if (it == m_stretchFrom.end()) {
            m_stretchFrom.insert(id, nowMs);
            m_writer.enqueue(CoverageRow{m_span.sessionId, id, nowMs, nowMs});
        }
    } else if (it != m_stretchFrom.end()) {
        m_writer.enqueue(CoverageRow{m_span.sessionId, id, it.value(), nowMs}); // the stretch ends here
        m_stretchFrom.erase(it);
    }
}

void Recorder::recordMarket(const MarketInfo &market)
{
    m_writer.enqueue(MarketRow{market.conditionId, market.question, market.slug,
                               market.endDate.isValid() ? market.endDate.toString(Qt::ISODate) : QString(),
                               market.tokenIds, market.outcomes});
}


void Recorder::snapshotChanged()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSet<QString> present;
    m_monitor.books().forEach([this, now, &present](const AssetBook &a) {
        const QString id = QString::fromStdString(a.assetId);
        present.insert(id);
        updateCoverage(id, a.synced(), now);
        if (!a.synced())
            return;
        auto it = m_recordedUpdates.find(id);
        if (it != m_recordedUpdates.end() && it.value() == a.updates)
            return;
        m_recordedUpdates.insert(id, a.updates);
        m_writer.enqueue(SnapshotRows::make(a, m_band));
    });
    // An asset no longer followed ends its stretch.
    for (auto it = m_stretchFrom.begin(); it != m_stretchFrom.end();) {
        if (present.contains(it.key())) {
            ++it;
            continue;
        }
        m_writer.enqueue(CoverageRow{m_span.sessionId, it.key(), it.value(), now});
        it = m_stretchFrom.erase(it);
    }
}

} // namespace polymon
