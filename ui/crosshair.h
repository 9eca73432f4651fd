#pragma once

#include <QString>

class QPainter;
class QPalette;
class QPoint;
class QRect;

namespace polymon::Crosshair {

// The hand-drawn charts' crosshair: dotted lines through `at` across the
// plot, and the read-out in a tooltip-coloured box beside the pointer,
// kept inside the plot.
void draw(QPainter &painter, const QRect &plot, const QPoint &at, const QString &readOut, const QPalette &palette);

} // namespace polymon::Crosshair
