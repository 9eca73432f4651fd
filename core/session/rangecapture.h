#pragma once

#include "capture/coveragegapnote.h"

#include <QString>
#include <QStringList>

namespace polymon {

// A time range of the database as a raw capture, so that the capture
// player (and backtests) replay recorded history like a recording: each
// stored snapshot becomes a `book` frame of its asset (the 20 levels a side
// the snapshot kept), each stored trade a `last_trade_price` frame, in time
// order, with the markets as notes and a checkpoint of every book each
// minute. Coarser than a raw capture, and said so wherever it is shown:
// books at most twice a second, 20 levels a side, nothing in between. Where
// the coverage ledger says no recorder held an asset's book, a gap note
// drops its book until the next snapshot (CoverageGapNote).
class RangeCapture final
{
public:
    struct Range
    {
        qint64 fromMs = 0;
        qint64 toMs = 0;          // exclusive
        QStringList conditionIds; // empty: every market recorded in the range
    };
    struct Summary
    {
        int markets = 0;
        int assets = 0;
        qint64 snapshots = 0;
        qint64 trades = 0;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
        // Stretches the coverage ledger says nobody recorded (a note each in
        // the capture, at its start); ledgerKept false: the store keeps no
        // ledger (older than schema 9, or never recorded live), gaps unknown.
        CoverageGapTally gaps;
        bool ledgerKept = true;
    };

    // Captures made from the database are named so (the window says what
    // they are: coarser than a raw capture).
    static constexpr const char *kFilePrefix = "db-range-";

    // False with a reason (unreadable database, nothing recorded in the
    // range, the capture cannot be written); the file is complete or absent.
    static bool write(const QString &dbPath, const Range &range, const QString &capturePath, Summary &summary,
                      QString &error);
};

} // namespace polymon
