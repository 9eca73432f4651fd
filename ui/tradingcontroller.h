#pragma once

#include "monitor/topsnapshot.h"
#include "trading/accountsummary.h"
#include "trading/feeschedule.h"
#include "trading/order.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QLabel;
class QMainWindow;

namespace polymon {

class FillsModel;
class MarketView;
class OrdersModel;
class PositionsModel;
class TradingBar;
class TradingService;

// The desktop side of paper trading: turns ladder clicks, hotkeys and the
// toolbar into orders for the TradingService (in the monitor's thread),
// keeps the orders, fills and positions models and the ladders' order
// columns current, and shows the account's PnL in the status bar. Trading
// starts locked; the first order of a session asks to confirm.
class TradingController final : public QObject
{
    Q_OBJECT
public:
    TradingController(TradingService *service, QMainWindow *window, TradingBar *bar);

    OrdersModel *orders() const noexcept { return m_orders; }
    FillsModel *fills() const noexcept { return m_fills; }
    PositionsModel *positions() const noexcept { return m_positions; }
    QLabel *pnlLabel() const noexcept { return m_pnl; }
    const AccountSummary &account() const noexcept { return m_account; }

    // Names a token for the tables ("Will X happen? · Yes").
    void setLabeler(std::function<QString(const QString &)> labeler);
    // Which token the hotkeys trade: the shown outcome of the current tab.
    void setCurrentAsset(std::function<QString()> fn) { m_currentAsset = std::move(fn); }
    // Asked before the first order of the session; true to go on. Tests
    // answer it; by default a dialog asks.
    void setConfirmation(std::function<bool(const QString &)> fn) { m_confirm = std::move(fn); }
    // The taker fee an order would pay if it matched at once, in words (live confirmation).
    void setFeeNote(std::function<QString(const OrderRequest &)> fn) { m_feeNote = std::move(fn); }
    void attachView(MarketView *view);
    void onSnapshots(const QList<TopSnapshot> &tops);
    void setUnlocked(bool unlocked);

    // The actions, as the ladder, keys and toolbar call them.
    void placeLimit(const QString &assetId, Side side, Fixed price);
    void takeBest(Side side);  // FAK at the best price of the other side
    void joinBest(Side side);  // GTC at the best price of this side
    void cancelAt(const QString &assetId, Side side, Fixed price);
    void moveOrders(const QString &assetId, Side side, Fixed from, Fixed to);
    void cancelOrder(qint64 orderId);
    void cancelAll();
    void flatten(const QString &assetId);
    void flattenCurrent();
    void setStop(const QString &assetId, Fixed price);
    void kill();

Q_SIGNALS:
    // Refusals and actions in plain words, for the status bar.
    void message(const QString &text);

private:
    void submit(const OrderRequest &request);
    QString feeNote(const OrderRequest &request) const;
    void orderAt(const QString &assetId, Side side, Fixed price, OrderType type);
    void atBest(Side side, bool take);
    bool allowed(const char *what);
    void onOrderUpdated(const Order &order);
    void onAccount(const AccountSummary &summary);
    void refreshLadders(const QString &assetId);
    void installShortcuts();

    TradingService *m_service;
    QMainWindow *m_window;
    TradingBar *m_bar;
    OrdersModel *m_orders;
    FillsModel *m_fills;
    PositionsModel *m_positions;
    QLabel *m_pnl;
    AccountSummary m_account;
    bool m_confirmed = false; // the session's first order was confirmed
    std::function<QString()> m_currentAsset;
    std::function<bool(const QString &)> m_confirm;
    std::function<QString(const OrderRequest &)> m_feeNote;
    std::function<QString(const QString &)> m_label;
    QHash<QString, QPair<Fixed, Fixed>> m_best; // best bid, best ask by token
    QHash<QString, FeeSchedule> m_fees;         // as the exchange states them, by token
    QList<QPointer<MarketView>> m_views;
};

} // namespace polymon
