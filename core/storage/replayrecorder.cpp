#include "replayrecorder.h"

#include "snapshotrows.h"

namespace polymon {

void ReplayRecorder::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    if (!asset.synced())
        return;
    auto [it, fresh] = m_lastSnapshotMs.try_emplace(asset.assetId, timestampMs);
    if (!fresh && timestampMs - it->second < SnapshotRows::kIntervalMs)
        return;
    it->second = timestampMs;
    m_writer.enqueue(SnapshotRows::make(asset, m_band));
}

void ReplayRecorder::onTrade(const AssetBook &asset, const LastTradeEvent &event)
{
    m_writer.enqueue(TradeRow{QString::fromStdString(asset.assetId), event.timestampMs, event.price, event.size, event.side});
}

} // namespace polymon
