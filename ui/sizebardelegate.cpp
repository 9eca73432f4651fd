#include "sizebardelegate.h"

#include "laddermodel.h"

#include <QPainter>

namespace polymon {

void SizeBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int side = index.data(LadderModel::SideRole).toInt();
    const bool best = index.data(LadderModel::IsBestRole).toBool();
    const QColor tint = side > 0 ? QColor(0x1f, 0x9d, 0x55) : QColor(0xd6, 0x45, 0x45);
    painter->save();
    if (best) {
        QColor glow = tint;
        glow.setAlpha(40);
        painter->fillRect(option.rect, glow);
    }
    const double fraction = index.data(LadderModel::BarFractionRole).toDouble();
    if (fraction > 0) {
        QRect bar = option.rect.adjusted(2, 3, -2, -3);
        const int width = std::max(2, int(bar.width() * fraction));
        if (index.column() == LadderModel::BidSize)
            bar.setLeft(bar.right() - width); // grows toward the price column
        else
            bar.setWidth(width);
        QColor fill = tint;
        fill.setAlpha(best ? 150 : 90);
        painter->fillRect(bar, fill);
    }
    painter->restore();
    QStyleOptionViewItem opt = option;
    if (best)
        opt.font.setBold(true);
    if (index.column() == LadderModel::Price)
        opt.palette.setColor(QPalette::Text, tint);
    QStyledItemDelegate::paint(painter, opt, index);
}

} // namespace polymon
