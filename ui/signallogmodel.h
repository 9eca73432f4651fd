#pragma once

#include "analysis/signal.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace polymon {

// Signals across markets, newest first; outcome columns fill in when the
// signal resolves. Bounded to the last 5,000 signals of the session (the
// database keeps all of them; Export CSV reads it).
class SignalLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Type, Side, Confidence, Market, ExpectedReversion, Reverted, ReversionTime, MaxProfit, MaxAdverse, Description, NUM_COLUMNS };
    enum Role { SortRole = Qt::UserRole, TypeRole, ConfidenceRole, AssetIdRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setLabel(const QString &assetId, const QString &label) { m_labels.insert(assetId, label); }
    void addSignal(const Signal &signal);
    void resolve(const Signal &signal);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static constexpr int kMaxRows = 5000;

private:
    QList<Signal> m_rows; // newest first
    QHash<QString, QString> m_labels;
};

} // namespace polymon
