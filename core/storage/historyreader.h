#pragma once

#include "analysis/signal.h"
#include "protocol/fixedpoint.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace polymon {

// What the database remembers of one asset's recent past: top-of-book
// points and signals, so a chart opened after a restart is not empty.
struct AssetHistory
{
    struct Point
    {
        qint64 ts = 0;
        Fixed bid = 0;
        Fixed ask = 0;
    };
    QString assetId;
    QVector<Point> points; // oldest first, at most one per second
    QList<Signal> signals_;
};

class HistoryReader final
{
public:
    // The asset's two-sided snapshots and signals since sinceMs. An empty
    // history when there is no database yet.
    static AssetHistory read(const QString &dbPath, const QString &assetId, qint64 sinceMs);
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::AssetHistory)
