#pragma once

#include "analysis/signal.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace polymon {

// Signals across markets, newest first; outcome columns fill in when the
// signal resolves. YES and NO are one book, so one event often fires on
// both tokens (a YES panic is a NO FOMO at the same moment): those show as
// one row naming both outcomes, the first outcome's signal in the columns
// and the twin in the tooltip. Bounded to the last 5,000 rows of the
// session (the database keeps every signal; Export CSV reads it).
class SignalLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Type, Side, Confidence, Market, ExpectedReversion, Reverted, ReversionTime, MaxProfit, MaxAdverse, Description, NUM_COLUMNS };
    enum Role { SortRole = Qt::UserRole, TypeRole, ConfidenceRole, AssetIdRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setLabel(const QString &assetId, const QString &label) { m_labels.insert(assetId, label); }
    // The two outcomes of a binary market, and how a row naming both reads.
    void setTwins(const QString &firstAsset, const QString &secondAsset, const QString &pairLabel);
    void addSignal(const Signal &signal);
    void resolve(const Signal &signal);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static constexpr int kMaxRows = 5000;
    static constexpr qint64 kTwinWindowMs = 2000;

    // The other token's signal folded into a row, if any (for tests).
    const Signal *twinAt(int row) const;

private:
    struct Row
    {
        Signal signal;
        Signal twin;
        bool hasTwin = false;
    };
    int twinRow(const Signal &signal) const;

    QList<Row> m_rows; // newest first
    QHash<QString, QString> m_labels;
    QHash<QString, QString> m_twinOf;     // asset -> the other outcome's asset
    QHash<QString, QString> m_pairLabels; // asset -> "Yes/No · question"
    QHash<QString, bool> m_first;         // asset -> is the first outcome
};

} // namespace polymon
