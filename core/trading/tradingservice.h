#pragma once

#include "accountsummary.h"
#include "desklistener.h"
#include "tradingdesk.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace polymon {

class StorageWriter;

// The desk behind the window, in the monitor's thread: trading is locked
// until the user unlocks it, every order and fill is stored (paper account)
// and restored after a restart, and the account is sent to the views a few
// times a second. Call its slots through queued invocations.
class TradingService final : public QObject, private DeskListener
{
    Q_OBJECT
public:
    explicit TradingService(QObject *parent = nullptr);
    ~TradingService() override;

    TradingDesk &desk() noexcept { return *m_desk; }
    // The session's book listener (tops, trades, resolutions).
    BookListener *bookListener() noexcept { return m_desk.get(); }

    // The paper account: orders and fills stored through `writer`, and
    // restored from `dbPath` (empty: in memory only).
    void usePaperAccount(const QString &dbPath, StorageWriter *writer);
    // A practice account on a replay: starts empty, never stored.
    void usePracticeAccount();
    void setBooks(const BookStore *books);
    void setStartingCash(Fixed cash);

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
    void addMarket(const QString &conditionId, const QString &yesAsset, const QString &noAsset);
    void setFeeSchedule(const QString &assetId, qint64 rate, int exponent);

Q_SIGNALS:
    void orderUpdated(const polymon::Order &order);
    void fillReceived(const polymon::Fill &fill);
    void accountUpdated(const polymon::AccountSummary &summary);
    // A refusal or an automatic action, in plain words.
    void notice(const QString &text);
    void stopTriggered(const QString &assetId, const polymon::Order &order);

private:
    void onOrderUpdated(const Order &order) override;
    void onFill(const Fill &fill) override;
    void onStopTriggered(const QString &assetId, const Order &order) override;
    void reset(const QString &account, bool persisted);
    bool refuseWhileLocked(const char *what);
    void publish();
    void storePosition(const QString &assetId, qint64 timestampMs);

    const BookStore *m_books = nullptr;
    std::unique_ptr<TradingDesk> m_desk;
    StorageWriter *m_writer = nullptr;
    QString m_account;
    bool m_persisted = false;
    bool m_locked = true;
    bool m_dirty = true;
    Fixed m_startingCash = 10'000 * kFixedScale;
    RiskLimits m_limits;
    QList<std::tuple<QString, QString, QString>> m_markets; // kept across account switches
    QTimer m_publish;
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::OrderRequest)
Q_DECLARE_METATYPE(polymon::RiskLimits)
