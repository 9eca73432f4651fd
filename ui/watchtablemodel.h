#pragma once

#include "monitor/topsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace polymon {

// One row per watched outcome token: top of book, spread, depth, imbalance
// and sync status. Updated from coalesced snapshots with ranged dataChanged.
class WatchTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Market, Bid, Ask, SpreadCents, SpreadBps, Mid, BidDepth, AskDepth, Imbalance, Status, NUM_COLUMNS };
    enum Role { AssetIdRole = Qt::UserRole, ImbalanceRole };

    using QAbstractTableModel::QAbstractTableModel;

    void addAsset(const QString &assetId, const QString &label);
    void removeAsset(const QString &assetId);
    void applySnapshots(const QList<TopSnapshot> &tops);
    // Resolved or closed: the row keeps its last prices and shows the reason.
    void setClosed(const QString &assetId, const QString &reason);
    QString assetAt(int row) const { return m_rows.value(row).assetId; }
    QString labelAt(int row) const { return m_rows.value(row).label; }
    int rowOf(const QString &assetId) const { return m_index.value(assetId, -1); }
    QString labelOf(const QString &assetId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString assetId;
        QString label;
        TopSnapshot top;
        bool seen = false;
        QString closed; // why it stopped (resolved, closed), or empty
    };
    void reindex();

    QList<Row> m_rows;
    QHash<QString, int> m_index;
};

} // namespace polymon
