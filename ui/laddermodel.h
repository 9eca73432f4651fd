#pragma once

#include "monitor/topsnapshot.h"

#include <QAbstractTableModel>
#include <QVector>

namespace polymon {

// Depth ladder of one outcome: asks above (best ask just over the middle),
// bids below, sizes with a bar fraction for the painted delegate.
class LadderModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { BidSize, Price, AskSize, NUM_COLUMNS };
    enum Role { BarFractionRole = Qt::UserRole, IsBestRole, SideRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setLevels(const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst);
    void clear();
    // The row of the best ask (the best bid is the next one); -1 when none.
    int bestAskRow() const noexcept { return m_askCount - 1; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Line
    {
        PriceLevel level;
        bool bid = false;
        bool best = false;
    };
    QVector<Line> m_lines;
    Fixed m_maxSize = 1;
    int m_askCount = 0;
};

} // namespace polymon
