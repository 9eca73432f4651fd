#pragma once

#include "analysis/rollingbaseline.h"
#include "analysis/signal.h"
#include "protocol/events.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace polymon {

class SignalEngine;

// What the database remembers of one asset's recent past: top-of-book
// points and signals, so a chart opened after a restart is not empty, and
// baseline samples, so its signals need not wait for a new warm-up.
struct AssetHistory
{
    struct Point
    {
        qint64 ts = 0;
        Fixed bid = 0;
        Fixed ask = 0;
    };
    struct BaselineSeed
    {
        qint64 ts = 0;
        BaselineSample sample;
    };
    // The stored book near the touch (20 levels a side), for the heatmap.
    struct Depth
    {
        qint64 ts = 0;
        QVector<PriceLevel> bids; // best first
        QVector<PriceLevel> asks;
    };
    QString assetId;
    QVector<Point> points; // oldest first, at most one per second
    QVector<Depth> depth;  // oldest first, at most one per second
    QList<Signal> signals_;
    QVector<BaselineSeed> baseline; // oldest first, one per sample interval

    bool empty() const noexcept { return points.isEmpty() && signals_.isEmpty() && baseline.isEmpty() && depth.isEmpty(); }
};

class HistoryReader final
{
public:
    struct Request
    {
        QStringList assetIds;
        qint64 chartSinceMs = 0;    // points and signals from here
        qint64 baselineSinceMs = 0; // baseline samples from here
        int sampleIntervalMs = 1'000;
    };
    // One pass over each asset's stored snapshots gives both its chart points
    // and its baseline samples. Empty histories when there is no database yet.
    static QList<AssetHistory> read(const QString &dbPath, const Request &request);
    // Feeds the stored samples to the engine's baseline; returns how many.
    static int seedBaseline(const AssetHistory &history, SignalEngine &engine);
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::AssetHistory)
