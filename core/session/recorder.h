#pragma once

#include "catalog/marketinfo.h"
#include "storage/storagewriter.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace polymon {

class MarketMonitor;

// Feeds a StorageWriter from a MarketMonitor: one snapshot per asset every
// 500 ms when its book changed, every trade, every signal and its outcome.
// Lives in the monitor's thread; the writer does the I/O in its own.
class Recorder final : public QObject
{
    Q_OBJECT
public:
    // `band`: the depth band of the stored metrics (the signal settings' band).
    Recorder(MarketMonitor &monitor, StorageWriter &writer, Fixed band, QObject *parent = nullptr);
    ~Recorder() override; // the span's last heartbeat

    void recordMarket(const MarketInfo &market);
    void setBand(Fixed band) noexcept { m_band = band; }

    // How often the recording span is renewed (outcomes of signals left open
    // are judged by the spans' gaps).
    static constexpr int kSpanHeartbeatMs = 10'000;

private:
    void snapshotChanged();
    void heartbeat();
    // The coverage ledger: a stretch starts when an asset's book is in sync,
    // is extended at each heartbeat, and ends (written) when it is not.
    void updateCoverage(const QString &assetId, bool synced, qint64 nowMs);

    MarketMonitor &m_monitor;
    StorageWriter &m_writer;
    Fixed m_band;
    QTimer m_timer;
    QHash<QString, quint64> m_recordedUpdates;
    QTimer m_spanTimer;
    SpanRow m_span;
    QHash<QString, qint64> m_stretchFrom; // asset -> start of its stretch in sync
};

} // namespace polymon
