#pragma once

#include <QVector>

#include "book/assetbook.h"
#include "storagerows.h"

namespace polymon {

// How a book is stored: a snapshot row of its metrics within the band and
// its top levels, at most one per asset per interval of its clock.
class SnapshotRows final
{
public:
    static constexpr int kIntervalMs = 500;
    static constexpr int kLevelsPerSide = 20;
    // Levels as [["price","size"],...] best first, exact decimals.
    static SnapshotRow make(const AssetBook &asset, Fixed band);
    // The stored levels back (best first); malformed entries are skipped.
    static QVector<PriceLevel> parseLevels(const QString &stored);
};

} // namespace polymon
