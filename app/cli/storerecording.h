#pragma once

#include "session/recorder.h"
#include "storage/storagewriter.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace polymon {
class MarketMonitor;
struct MarketInfo;
}

namespace polymon::cli {

// `--db STORE` of monitor and record: the store's writer, baselines seeded
// from it before anything is subscribed, signals an earlier run left open
// resolved, and the recorder of snapshots, trades, signals and coverage.
// Problems are said through `note`, never fatal: monitoring goes on. The
// monitor's signal engine must be enabled first.
class StoreRecording final
{
public:
    StoreRecording(const QString &store, int retentionDays, MarketMonitor &monitor, const QStringList &assets,
                   std::function<void(const QString &)> note);
    // The recorder's last heartbeat and coverage, then the writer's last batch; its figures on stderr.
    ~StoreRecording();

    void recordMarket(const MarketInfo &market) { m_recorder->recordMarket(market); }

private:
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<Recorder> m_recorder;
};

} // namespace polymon::cli
