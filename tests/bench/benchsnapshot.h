#pragma once

// The snapshot the storage benchmarks write: a two-sided book at 0.48/0.50
// with 20 levels a side of random sizes (what the recorder keeps).
#include "storage/storagerows.h"

#include <QRandomGenerator>

namespace polymon::bench {

inline QByteArray levels(QRandomGenerator &rng, Fixed start, Fixed step)
{
    QByteArray out = "[";
    for (int i = 0; i < 20; ++i) { // SnapshotRows::kLevelsPerSide
        if (i)
            out += ',';
        out += "[\"" + QByteArray(formatFixed(start + step * i).c_str()) + "\",\""
             + QByteArray(formatFixed(Fixed(rng.bounded(1, 500000)) * 10'000).c_str()) + "\"]";
    }
    return out + ']';
}

inline SnapshotRow snapshot(QRandomGenerator &rng, const QString &assetId, qint64 timestampMs)
{
    BookMetrics m;
    m.hasBid = m.hasAsk = true;
    m.bestBid = 480'000;
    m.bestAsk = 500'000;
    m.spread = 20'000;
    m.mid = 490'000;
    m.bidDepth = m.askDepth = m.bandBidDepth = m.bandAskDepth = 5'000'000'000;
    return SnapshotRow{assetId, timestampMs, m, levels(rng, 480'000, -10'000), levels(rng, 500'000, 10'000), 10'000};
}

} // namespace polymon::bench
