#pragma once

#include "analysis/signal.h"

#include <QList>
#include <QString>

namespace polymon {

// Signals an earlier run left open: polymon stopped before their horizon
// ended. Each is resolved from its asset's recorded snapshots, as the live
// tracker would have, or marked not tracked where the record has a gap (no
// recorder was running for part of the horizon), so no signal stays open for
// ever. The results are outcome rows for the writer.
class OpenOutcomeResolver final
{
public:
    static constexpr qint64 kMaxGapMs = 60'000;

    // Open signals fired before `before` whose horizon ended by nowMs.
    static QList<Signal> resolve(const QString &dbPath, qint64 horizonMs, qint64 before, qint64 nowMs);
};

} // namespace polymon
