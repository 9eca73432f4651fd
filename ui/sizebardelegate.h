#pragma once

#include <QStyledItemDelegate>

namespace polymon {

// Paints the ladder: a size bar growing from the price column, green for
// bids and red for asks, with the best levels highlighted.
class SizeBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace polymon
