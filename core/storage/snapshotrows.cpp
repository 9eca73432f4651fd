#include "snapshotrows.h"

namespace polymon {

namespace {

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

SnapshotRow SnapshotRows::make(const AssetBook &a, Fixed band)
{
    return SnapshotRow{QString::fromStdString(a.assetId), a.lastUpdateMs, a.book.metrics(band),
                       levelsJson(a.book.bids(), kLevelsPerSide), levelsJson(a.book.asks(), kLevelsPerSide), a.tickSize};
}

} // namespace polymon
