#pragma once

#include "book/booklistener.h"
#include "storagewriter.h"

#include <string>
#include <unordered_map>

namespace polymon {

// Records a replay into SQLite on the frames' own clock: a snapshot per
// asset every 500 ms of event time when its book changed, and every trade.
// (Signals are recorded by whoever runs the signal engine.)
class ReplayRecorder final : public BookListener
{
public:
    // `band`: the depth band of the stored metrics (the signal settings' band).
    ReplayRecorder(StorageWriter &writer, Fixed band)
        : m_writer(writer)
        , m_band(band)
    {
    }

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void onTrade(const AssetBook &asset, const LastTradeEvent &event) override;

private:
    StorageWriter &m_writer;
    Fixed m_band;
    std::unordered_map<std::string, std::int64_t> m_lastSnapshotMs;
};

} // namespace polymon
