#pragma once

#include <QString>

class QLabel;
class QTableView;
class QWidget;

namespace polymon {

// The table and section look every pane shares.
class ViewFactory final
{
public:
    // Row selection, no grid, compact rows, alternating colours.
    static QTableView *table(QWidget *parent);
    // A bold caption over the body, with an optional tool row between.
    static QWidget *titled(const QString &title, QWidget *body, QWidget *tools = nullptr);
    // A small muted caption (metric names, hints) that follows the theme.
    static QLabel *caption(const QString &text, QWidget *parent);
};

} // namespace polymon
