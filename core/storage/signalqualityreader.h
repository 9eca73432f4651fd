#pragma once

#include "analysis/signalquality.h"
#include "trading/feeschedule.h"

#include <QString>

namespace polymon {

// Signal quality over the recorded history: for each stored BUY or SELL
// signal, the mid's moves at 30 s, 2 min and 5 min from the stored
// snapshots (the last one at or before each moment, counted only when the
// asset was still being recorded after it), the touch-to-touch PnL at 5 min
// net of the fee schedule, and the stored outcome of every tracked signal.
class SignalQualityReader final
{
public:
    struct Result
    {
        SignalQuality quality;
        int signals = 0; // BUY and SELL signals read
    };
    // False with a reason when the database cannot be read.
    static bool read(const QString &dbPath, qint64 sinceMs, const FeeSchedule &fees, Result &out, QString &error);
};

} // namespace polymon
