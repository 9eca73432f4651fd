#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace polymon {

// Reads the coverage ledger: for each asset, the stretches of a time range
// when no recorder held its book (the union of every session's stretches,
// subtracted from the range). A replay or a backtest over a gap says so
// instead of inventing continuity.
class CoverageReader final
{
public:
    struct Gap
    {
        QString assetId;
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };
    struct Result
    {
        QList<Gap> gaps;        // by asset, then time
        QStringList recorders;  // the machines whose sessions covered the range
        bool ledgerKept = true; // false: the store predates the ledger (nothing known)
    };
    // Gaps shorter than `minGapMs` are not reported (heartbeats are 10 s apart).
    static bool read(const QString &dbPath, const QStringList &assetIds, qint64 fromMs, qint64 toMs, Result &out,
                     QString &error, qint64 minGapMs = 15'000);
};

} // namespace polymon
