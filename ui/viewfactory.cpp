#include "viewfactory.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace polymon {

QTableView *ViewFactory::table(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    return view;
}

QWidget *ViewFactory::titled(const QString &title, QWidget *body, QWidget *tools)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    if (!title.isEmpty())
        layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(title)));
    if (tools)
        layout->addWidget(tools);
    layout->addWidget(body, 1);
    return box;
}

QLabel *ViewFactory::caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    label->setFont(f);
    return label;
}

} // namespace polymon
