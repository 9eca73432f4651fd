#include "crosshair.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPalette>

namespace polymon::Crosshair {

void draw(QPainter &painter, const QRect &plot, const QPoint &at, const QString &readOut, const QPalette &palette)
{
    QColor cross = palette.color(QPalette::Text);
    cross.setAlpha(120);
    painter.setPen(QPen(cross, 1, Qt::DotLine));
    painter.drawLine(QPoint(at.x(), plot.top()), QPoint(at.x(), plot.bottom()));
    painter.drawLine(QPoint(plot.left(), at.y()), QPoint(plot.right(), at.y()));
    const QRect box = QFontMetrics(painter.font()).boundingRect(readOut).adjusted(-4, -2, 4, 2);
    QRect placed = box.translated(at + QPoint(12, -box.height() - 6) - box.topLeft());
    if (placed.right() > plot.right())
        placed.moveRight(at.x() - 12);
    if (placed.top() < plot.top())
        placed.moveTop(at.y() + 12);
    painter.fillRect(placed, palette.color(QPalette::ToolTipBase));
    painter.setPen(palette.color(QPalette::ToolTipText));
    painter.drawText(placed, Qt::AlignCenter, readOut);
}

} // namespace polymon::Crosshair
