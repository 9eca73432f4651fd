#include "laddertradeinput.h"

#include "laddermodel.h"

#include <QApplication>
#include <QMouseEvent>
#include <QTableView>

namespace polymon {

namespace {
// The side a column trades: bids buy, asks sell; 0 for the price column.
int sideOfColumn(int column)
{
    if (column == LadderModel::MyBids || column == LadderModel::BidSize)
        return 1;
    if (column == LadderModel::MyAsks || column == LadderModel::AskSize)
        return -1;
    return 0;
}
} // namespace

LadderTradeInput::LadderTradeInput(QTableView *view)
    : QObject(view)
    , m_view(view)
{
    view->viewport()->installEventFilter(this);
}

bool LadderTradeInput::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return false;
    const auto type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseButtonRelease)
        return false;
    auto *mouse = static_cast<QMouseEvent *>(event);
    const QModelIndex index = m_view->indexAt(mouse->position().toPoint());
    const qint64 price = index.isValid() ? index.data(LadderModel::PriceRole).toLongLong() : 0;
    const int side = index.isValid() ? sideOfColumn(index.column()) : 0;
    const bool onOrders = index.isValid() && index.data(LadderModel::HasOrdersRole).toBool();
    if (type == QEvent::MouseButtonPress) {
        if (mouse->button() == Qt::RightButton && onOrders) {
            Q_EMIT cancelRequested(side > 0 ? Side::Buy : Side::Sell, price);
            return true;
        }
        m_pressPos = mouse->position().toPoint();
        m_pressRow = mouse->button() == Qt::LeftButton && index.isValid() ? index.row() : -1;
        m_pressColumn = index.isValid() ? index.column() : -1;
        m_pressOnOrders = onOrders;
        return false;
    }
    // Release: a drag of an order chip moves it; a click on a side places one.
    if (mouse->button() != Qt::LeftButton || m_pressRow < 0)
        return false;
    const int pressSide = sideOfColumn(m_pressColumn);
    const qint64 pressPrice = m_view->model()->index(m_pressRow, m_pressColumn).data(LadderModel::PriceRole).toLongLong();
    const bool dragged = (mouse->position().toPoint() - m_pressPos).manhattanLength() >= QApplication::startDragDistance();
    m_pressRow = -1;
    if (m_pressOnOrders && dragged) {
        if (price > 0 && price != pressPrice)
            Q_EMIT moveRequested(pressSide > 0 ? Side::Buy : Side::Sell, pressPrice, price);
        return true;
    }
    if (!dragged && side != 0 && price > 0 && index.column() == m_pressColumn)
        Q_EMIT orderRequested(side > 0 ? Side::Buy : Side::Sell, price);
    return false;
}

} // namespace polymon
