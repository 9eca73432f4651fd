#pragma once

#include "trading/accountsummary.h"

#include <QAbstractTableModel>

#include <functional>

namespace polymon {

// Positions per token, the two tokens of a market next to each other, with
// what the market's holdings pay if it resolves YES and if it resolves NO.
class PositionsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Outcome, Shares, Average, Mark, Unrealized, Realized, Fees, IfYes, IfNo, Stop, NUM_COLUMNS };
    enum Role { AssetIdRole = Qt::UserRole, SharesRole };

    // Where a token belongs: its market and its outcome index (0 = YES).
    struct OutcomeRef
    {
        QString conditionId;
        int index = -1;
    };

    explicit PositionsModel(QObject *parent = nullptr);
    void setLabeler(std::function<QString(const QString &)> labeler) { m_label = std::move(labeler); }
    void setOutcomeOf(std::function<OutcomeRef(const QString &)> fn) { m_outcomeOf = std::move(fn); }
    void setSummary(const AccountSummary &summary);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        PositionView view;
        OutcomeRef ref;
        Fixed pnlIfYes = 0; // the market's holdings at resolution, less what they cost
        Fixed pnlIfNo = 0;
        bool paired = false; // a binary market we know both tokens of
    };
    QVector<Row> m_rows;
    std::function<QString(const QString &)> m_label;
    std::function<OutcomeRef(const QString &)> m_outcomeOf;
};

} // namespace polymon
