#include "tradingpanes.h"

#include "fillsmodel.h"
#include "ordersmodel.h"
#include "positionsmodel.h"
#include "tradingcontroller.h"
#include "viewfactory.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

namespace polymon::TradingPanes {

namespace {
QTableView *table(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    QTableView *view = ViewFactory::table(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QWidget *withButtons(QTableView *view, const QList<QWidget *> &buttons, const QString &hint, QWidget *parent)
{
    auto *pane = new QWidget(parent);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(hint, pane);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    row->addWidget(label, 1);
    for (QWidget *b : buttons)
        row->addWidget(b);
    layout->addLayout(row);
    layout->addWidget(view, 1);
    return pane;
}
} // namespace

QWidget *orders(TradingController *controller, QWidget *parent)
{
    QTableView *view = table(controller->orders(), QStringLiteral("ordersView"), parent);
    auto *cancel = new QPushButton(QObject::tr("Cancel order"), parent);
    cancel->setEnabled(false);
    auto selectedId = [view]() -> qint64 {
        const QModelIndex i = view->currentIndex();
        return i.isValid() && i.data(OrdersModel::WorkingRole).toBool() ? i.data(OrdersModel::OrderIdRole).toLongLong() : 0;
    };
    QObject::connect(view->selectionModel(), &QItemSelectionModel::currentChanged, cancel,
                     [cancel, selectedId] { cancel->setEnabled(selectedId() > 0); });
    QObject::connect(cancel, &QPushButton::clicked, controller, [controller, selectedId] {
        if (const qint64 id = selectedId())
            controller->cancelOrder(id);
    });
    return withButtons(view, {cancel},
                       QObject::tr("Working orders first, then the last finished ones (hover a status for its reason)."),
                       parent);
}

QWidget *positions(TradingController *controller, QWidget *parent)
{
    QTableView *view = table(controller->positions(), QStringLiteral("positionsView"), parent);
    auto *stop = new QPushButton(QObject::tr("Stop-loss…"), parent);
    auto *flatten = new QPushButton(QObject::tr("Flatten"), parent);
    for (QPushButton *b : {stop, flatten})
        b->setEnabled(false);
    auto selectedAsset = [view] {
        const QModelIndex i = view->currentIndex();
        return i.isValid() ? i.data(PositionsModel::AssetIdRole).toString() : QString();
    };
    QObject::connect(view->selectionModel(), &QItemSelectionModel::currentChanged, stop, [=] {
        const bool any = !selectedAsset().isEmpty();
        stop->setEnabled(any);
        flatten->setEnabled(any);
    });
    QObject::connect(stop, &QPushButton::clicked, controller, [=] {
        const QString asset = selectedAsset();
        bool ok = false;
        const double price = QInputDialog::getDouble(parent, QObject::tr("Stop-loss"),
                                                     QObject::tr("Sell the whole position when the bid falls to "
                                                                 "(0 removes the stop):"),
                                                     0.0, 0.0, 0.99, 3, &ok);
        if (ok)
            controller->setStop(asset, Fixed(std::llround(price * 1000)) * 1000);
    });
    QObject::connect(flatten, &QPushButton::clicked, controller, [=] { controller->flatten(selectedAsset()); });
    return withButtons(view, {stop, flatten},
                       QObject::tr("Marked at the bid. If YES / If NO: what the market's holdings pay at "
                                   "resolution, less their cost."),
                       parent);
}

QWidget *fills(TradingController *controller, QWidget *parent)
{
    QTableView *view = table(controller->fills(), QStringLiteral("fillsView"), parent);
    return withButtons(view, {}, QObject::tr("Every fill of this session, newest first; the database keeps them all."),
                       parent);
}

} // namespace polymon::TradingPanes
