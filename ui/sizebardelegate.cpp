#include "sizebardelegate.h"

#include "laddermodel.h"
#include "themes.h"

#include <QLocale>
#include <QPainter>

namespace polymon {

void SizeBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    const int side = index.data(LadderModel::SideRole).toInt();
    const bool best = index.data(LadderModel::IsBestRole).toBool();
    const QColor tint = side > 0 ? Themes::bid() : side < 0 ? Themes::ask() : option.palette.color(QPalette::PlaceholderText);
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
    if (index.data(LadderModel::IsSpreadRole).toBool()) {
        // The empty ticks between the best bid and ask: a quiet band.
        QColor band = option.palette.color(QPalette::Mid);
        band.setAlpha(40);
        painter->fillRect(option.rect, band);
    }
    if (best && index.column() != LadderModel::Traded) {
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
        QColor fill = index.column() == LadderModel::Traded ? option.palette.color(QPalette::Mid)
                      : side > 0                            ? Themes::bidFill()
                                                            : Themes::askFill();
        if (index.column() == LadderModel::Traded)
            fill.setAlpha(90);
        if (best)
            fill.setAlpha(std::min(255, fill.alpha() * 2));
        painter->fillRect(bar, fill);
    }
    // Stacking (+) or pulling (-) in the last seconds, small, at the cell's outer edge.
    const QVariant delta = index.data(LadderModel::DeltaRole);
    if (delta.isValid()) {
        const qint64 change = delta.toLongLong();
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.8);
        painter->setFont(small);
        painter->setPen(change > 0 ? Themes::bid() : Themes::ask());
        const QString text = (change > 0 ? QStringLiteral("+") : QStringLiteral("−"))
            + QLocale().toString(double(std::abs(change)) / double(kFixedScale), 'f', 0);
        // Only where it fits beside the size; the tooltip always has it.
        const int used = QFontMetrics(option.font).horizontalAdvance(index.data(Qt::DisplayRole).toString())
            + QFontMetrics(small).horizontalAdvance(text) + 12;
        if (used <= option.rect.width()) {
            const Qt::Alignment edge = index.column() == LadderModel::BidSize ? Qt::AlignLeft : Qt::AlignRight;
            painter->drawText(option.rect.adjusted(3, 0, -3, 0), int(edge | Qt::AlignVCenter), text);
        }
    }
    painter->restore();
    if (best)
        opt.font.setBold(true);
    if (index.column() == LadderModel::Price && side != 0)
        opt.palette.setColor(QPalette::Text, tint);
    if (index.column() == LadderModel::Price && side == 0)
        opt.palette.setColor(QPalette::Text, option.palette.color(QPalette::PlaceholderText));
    QStyledItemDelegate::paint(painter, opt, index);
}

} // namespace polymon
