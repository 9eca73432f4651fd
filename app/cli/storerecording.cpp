#include "storerecording.h"

#include "monitor/marketmonitor.h"
#include "storage/historyreader.h"
#include "storage/openoutcomeresolver.h"

#include <QDateTime>

#include <cstdio>

namespace polymon::cli {

StoreRecording::StoreRecording(const QString &store, int retentionDays, MarketMonitor &monitor,
                               const QStringList &assets, std::function<void(const QString &)> note)
    : m_writer(std::make_unique<StorageWriter>(store))
{
    QObject::connect(m_writer.get(), &StorageWriter::errorOccurred, m_writer.get(),
                     [note](const QString &m) { note(QStringLiteral("storage error: ") + m); }, Qt::QueuedConnection);
    QObject::connect(m_writer.get(), &StorageWriter::recovered, m_writer.get(),
                     [note] { note(QStringLiteral("storage recovered")); }, Qt::QueuedConnection);
    m_writer->setRetentionDays(retentionDays);
    m_writer->start();
    // Before anything is subscribed: no frame waits on this read.
    SignalEngine &engine = *monitor.signalEngine();
    const SignalSettings &ss = engine.settings();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int seeded = 0;
    for (const AssetHistory &h : HistoryReader::read(
             store, {assets, now, now - qint64(ss.baselineBuckets) * ss.bucketSeconds * 1000, ss.sampleIntervalMs}))
        seeded += HistoryReader::seedBaseline(h, engine);
    if (seeded > 0)
        note(QStringLiteral("baselines seeded from %1 stored snapshots").arg(seeded));
    const QList<Signal> open = OpenOutcomeResolver::resolve(store, ss.horizonMs, now, now);
    for (const Signal &s : open)
        m_writer->enqueue(SignalRow{s, true});
    if (!open.isEmpty())
        note(QStringLiteral("%1 signals left open by an earlier run resolved").arg(open.size()));
    m_recorder = std::make_unique<Recorder>(monitor, *m_writer, ss.band);
}

StoreRecording::~StoreRecording()
{
    m_recorder.reset();
    m_writer->stop();
    const StorageStats st = m_writer->stats();
    std::fprintf(stderr, "storage: %lld rows written, %lld dropped, %lld queued%s%s\n", static_cast<long long>(st.written),
                 static_cast<long long>(st.dropped), static_cast<long long>(st.queued),
                 st.lastError.isEmpty() ? "" : ", last error: ", st.lastError.toUtf8().constData());
}

} // namespace polymon::cli
