#include "sizebardelegate.h"

#include "laddermodel.h"
#include "themes.h"

#include <QPainter>

namespace polymon {

void SizeBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    if (index.data(LadderModel::IsSpreadRole).toBool()) {
        // A quiet band between the sides, with the spread in cents.
        QColor band = option.palette.color(QPalette::Mid);
        band.setAlpha(60);
        painter->fillRect(option.rect, band);
        opt.font.setItalic(true);
        opt.palette.setColor(QPalette::Text, option.palette.color(QPalette::PlaceholderText));
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }
    const int side = index.data(LadderModel::SideRole).toInt();
    const bool best = index.data(LadderModel::IsBestRole).toBool();
    const QColor tint = side > 0 ? Themes::bid() : Themes::ask();
    if (index.data(LadderModel::HasOrdersRole).toBool()) {
        // Your working orders: a chip in the side's colour.
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QColor chip = tint;
        chip.setAlpha(70);
        painter->setPen(tint);
        painter->setBrush(chip);
        painter->drawRoundedRect(QRectF(option.rect).adjusted(2.5, 2.5, -2.5, -2.5), 4, 4);
        painter->restore();
        opt.font.setBold(true);
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }
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
        QColor fill = side > 0 ? Themes::bidFill() : Themes::askFill();
        if (best)
            fill.setAlpha(std::min(255, fill.alpha() * 2));
        painter->fillRect(bar, fill);
    }
    painter->restore();
    if (best)
        opt.font.setBold(true);
    if (index.column() == LadderModel::Price)
        opt.palette.setColor(QPalette::Text, tint);
    QStyledItemDelegate::paint(painter, opt, index);
}

} // namespace polymon
