#pragma once

#include "accountsummary.h"
#include "clob/livebroker.h"
#include "clob/livestatus.h"
#include "desklistener.h"
#include "tradingdesk.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace polymon {

class StorageWriter;

// The desks behind the window, in the monitor's thread: the paper account
// (every order and fill stored, restored after a restart), while a
// recording plays a practice account that starts empty and is never
// stored, and the live account once the user set it up (orders signed and
// sent to the exchange by a LiveBroker; stored as account "live", never
// restored from the database: the exchange is asked instead). Trading is locked until the user unlocks it; the account is sent
// to the views a few times a second. The session's book listener: it hands
// every top and trade to the desk in use. Call its slots through queued
// invocations.
class TradingService final : public QObject, public BookListener, private DeskListener
{
    Q_OBJECT
public:
    explicit TradingService(QObject *parent = nullptr);
    ~TradingService() override;

    TradingDesk &desk() noexcept { return *m_desk; }
    bool practising() const noexcept { return m_desk == m_practice.get(); }
    bool live() const noexcept { return m_live && m_desk == m_live.get(); }
    // Trades through the exchange from now on: the live desk is built (once)
    // around this account and key, started, and used. Call in the service's thread.
    void startLive(const LiveAccount &account, EthKey key);
    // Leaves the live account for the paper one; its resting orders are
    // cancelled first (an order nobody watches must not rest).
    void leaveLive(const QString &reason);
    // The exchange went away (the simulator stopped): the live desk is dropped.
    void dropLive(const QString &reason);

    // Stores the paper account through `writer` from now on, after restoring
    // it from `dbPath` (once; empty: in memory only).
    void restorePaperAccount(const QString &dbPath, StorageWriter *writer);
    // Back to the paper account (live or simulated books).
    void usePaperAccount();
    // A fresh practice account for a replay: starts empty, never stored.
    void usePracticeAccount();
    void setBooks(const BookStore *books);
    void setStartingCash(Fixed cash);
    // Stops publishing (before the service is deleted from another thread).
    void stop() { m_publish->stop(); }

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override { m_desk->onTop(asset, timestampMs); }
    void onTrade(const AssetBook &asset, const LastTradeEvent &event) override { m_desk->onTrade(asset, event); }
    void onMarketLifecycle(const MarketLifecycleEvent &event) override { m_desk->onMarketLifecycle(event); }

public Q_SLOTS:
    void setLocked(bool locked);
    void submit(const polymon::OrderRequest &request);
    void cancel(qint64 orderId);
    void cancelAll();
    void moveOrder(qint64 orderId, qint64 price);
    void flatten(const QString &assetId);
    void kill(bool alsoFlatten);
    void setStop(const QString &assetId, qint64 price);
    void setLimits(const polymon::RiskLimits &limits);
    // A binary market's tokens and its smallest resting order (0: the usual 5 shares).
    void addMarket(const QString &conditionId, const QString &yesAsset, const QString &noAsset, qint64 minOrderSize = 0,
                   bool negRisk = false);
    // Back to the live account set up earlier (false: none).
    bool useLiveAccount();
    void setFeeSchedule(const QString &assetId, qint64 rate, int exponent);
    // The exchange's own rules for a market (GET /clob-markets): tick,
    // minimum size, neg-risk and fees, for paper and live orders alike.
    void applyMarketRules(const polymon::ClobMarketRules &rules);

Q_SIGNALS:
    void orderUpdated(const polymon::Order &order);
    void fillReceived(const polymon::Fill &fill);
    void accountUpdated(const polymon::AccountSummary &summary);
    // A refusal or an automatic action, in plain words.
    void notice(const QString &text);
    void stopTriggered(const QString &assetId, const polymon::Order &order);
    // The live broker's link (heartbeats, user channel, rate limit), while live.
    void liveStatusChanged(const polymon::LiveStatus &status);
    // The live account is gone (its exchange stopped): a new setup is needed.
    void liveClosed(const QString &reason);
    // A token's taker fee as the exchange states it (the live confirmation quotes it).
    void feeScheduleChanged(const QString &assetId, qint64 rate, int exponent);

private:
    void onOrderUpdated(const Order &order) override;
    void onFill(const Fill &fill) override;
    void onStopTriggered(const QString &assetId, const Order &order) override;
    std::unique_ptr<TradingDesk> makeDesk(std::unique_ptr<Broker> broker = {});
    // Every desk that exists, for settings that apply to all.
    std::vector<TradingDesk *> desks() const;
    QString accountName() const;
    void switchTo(TradingDesk *desk);
    bool refuseWhileLocked(const char *what);
    void publish();
    void storePosition(const QString &assetId, qint64 timestampMs);

    const BookStore *m_books = nullptr;
    std::unique_ptr<TradingDesk> m_paper;
    std::unique_ptr<TradingDesk> m_practice;
    std::unique_ptr<TradingDesk> m_live;
    LiveBroker *m_liveBroker = nullptr; // owned by m_live
    TradingDesk *m_desk = nullptr; // the one in use
    StorageWriter *m_writer = nullptr; // the paper account's
    bool m_restored = false;
    bool m_locked = true;
    bool m_dirty = true;
    Fixed m_startingCash = 10'000 * kFixedScale;
    RiskLimits m_limits;
    QList<std::tuple<QString, QString, QString>> m_markets; // kept across account switches
    QHash<QString, MarketRules> m_rules;                    // by token, for new accounts too
    QTimer *m_publish; // a child, so it moves to the service's thread with it
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::OrderRequest)
Q_DECLARE_METATYPE(polymon::RiskLimits)
