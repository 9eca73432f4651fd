#pragma once

#include "book/assetbook.h"
#include "analysis/health.h"
#include "analysis/quietness.h"
#include "book/bookmetrics.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace polymon {

// A copy of one asset's top of book, handed from the monitor thread to views.
struct TopSnapshot
{
    QString assetId;
    BookMetrics metrics;
    SyncState state = SyncState::AwaitingBook;
    bool crossed = false;
    qint64 lastUpdateMs = 0;
    quint64 updates = 0;
    Health health;          // the seed rules, freshness by the wall clock
    Quietness quietness;    // silent far longer than usual for this asset
    int warmMinutes = 0;    // baseline collected so far...
    int warmTargetMinutes = 0; // ...and how much makes it full
    int minWarmupMinutes = 0;  // signals may fire from here
    Fixed tickSize = 0;       // the live tick (0: not known yet)
    QVector<PriceLevel> bids; // best first; filled for the ladder asset only
    QVector<PriceLevel> asks; // best first
};

// Feed health as the status bar shows it.
struct FeedStatus
{
    qint64 clockMs = 0; // the market clock: wall time live, the position in a replay
    int connections = 0;
    int connected = 0;
    double framesPerSecond = 0.0;
    qint64 latencyP50Ns = 0;
    quint64 frames = 0;
    quint64 parseErrors = 0;
    quint64 desyncs = 0;
    int watched = 0;
    quint64 signalsFired = 0;
    QString dbPath;       // empty: not recording
    qint64 dbQueued = 0;
    qint64 dbWritten = 0;
    qint64 dbDropped = 0;
    qint64 dbRejected = 0; // rows the database refused on their own, set aside
    QString dbError;      // empty while writes succeed
    QString capturePath;  // the raw capture of this session (empty: none)
    qint64 captureBytes = 0;
    qint64 captureStartedMs = 0;
    qint64 captureLost = 0; // records lost to failed writes
    QString captureError;
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::TopSnapshot)
Q_DECLARE_METATYPE(polymon::FeedStatus)
