#pragma once

#include "protocol/events.h"

#include <QObject>
#include <QPoint>

class QTableView;

namespace polymon {

// Turns mouse actions on the depth ladder into trading intents: a click in
// a bid column asks to buy at that row's price, in an ask column to sell;
// dragging your order chip to another row asks to move it; a right-click on
// it asks to cancel. Whether anything happens is the controller's call
// (trading locked, confirmations).
class LadderTradeInput final : public QObject
{
    Q_OBJECT
public:
    explicit LadderTradeInput(QTableView *view);

Q_SIGNALS:
    void orderRequested(polymon::Side side, qint64 price);
    void cancelRequested(polymon::Side side, qint64 price);
    void moveRequested(polymon::Side side, qint64 fromPrice, qint64 toPrice);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTableView *m_view;
    QPoint m_pressPos;
    int m_pressRow = -1;
    int m_pressColumn = -1;
    bool m_pressOnOrders = false;
};

} // namespace polymon
