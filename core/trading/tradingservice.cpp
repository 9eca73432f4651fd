#include "tradingservice.h"

#include "storage/storagewriter.h"
#include "storage/tradingreader.h"

#include <QFileInfo>
#include <QLoggingCategory>

namespace polymon {

namespace {
Q_LOGGING_CATEGORY(lcTrading, "polymon.trading")
constexpr int kPublishMs = 250;
const QString kPaper = QStringLiteral("paper");
const QString kLive = QStringLiteral("live");
}

TradingService::TradingService(QObject *parent)
    : QObject(parent)
    , m_publish(new QTimer(this))
{
    qRegisterMetaType<polymon::Order>();
    qRegisterMetaType<polymon::Fill>();
    qRegisterMetaType<polymon::OrderRequest>();
    qRegisterMetaType<polymon::RiskLimits>();
    qRegisterMetaType<polymon::AccountSummary>();
    qRegisterMetaType<polymon::LiveStatus>();
    m_paper = makeDesk();
    m_desk = m_paper.get();
    m_publish->setInterval(kPublishMs);
    connect(m_publish, &QTimer::timeout, this, [this] {
        // Marks move with every top; the views need them a few times a second.
        if (m_dirty || !m_desk->portfolio().positions().empty())
            publish();
    });
    m_publish->start();
}

TradingService::~TradingService() = default;

std::unique_ptr<TradingDesk> TradingService::makeDesk(std::unique_ptr<Broker> broker)
{
    auto desk = broker ? std::make_unique<TradingDesk>(std::move(broker), m_books) : std::make_unique<TradingDesk>(m_books);
    desk->setListener(this);
    desk->setLimits(m_limits);
    desk->portfolio().setStartingCash(m_startingCash);
    for (const auto &[condition, yes, no] : std::as_const(m_markets))
        desk->portfolio().addMarket({condition, yes, no});
    for (auto it = m_rules.cbegin(); it != m_rules.cend(); ++it)
        desk->broker().setRules(it.key(), it.value());
    return desk;
}

void TradingService::switchTo(TradingDesk *desk)
{
    if (desk == m_desk)
        return;
    m_desk = desk;
    m_desk->setBooks(m_books);
    m_locked = true; // a new account starts locked, like the app
    m_dirty = true;
    publish();
}

void TradingService::restorePaperAccount(const QString &dbPath, StorageWriter *writer)
{
    m_writer = writer;
    if (m_restored || dbPath.isEmpty())
        return;
    m_restored = true;
    if (!QFileInfo::exists(dbPath))
        return; // a new database: nothing to restore
    TradingReader::Result stored;
    QString error;
    if (!TradingReader::read(dbPath, kPaper, stored, error)) {
        // A database from before paper trading has no trading tables until the writer migrates it.
        qCInfo(lcTrading) << "no paper trading restored:" << error;
        return;
    }
    m_paper->restore(stored.fills, stored.working, stored.lastOrderId);
    qCInfo(lcTrading) << "paper account restored:" << stored.fills.size() << "fills," << stored.working.size()
                      << "working orders";
    if (m_desk == m_paper.get()) {
        for (const Order &o : stored.working)
            Q_EMIT orderUpdated(o);
        publish();
    }
}

void TradingService::usePaperAccount()
{
    switchTo(m_paper.get());
    for (const Order &o : m_paper->broker().workingOrders())
        Q_EMIT orderUpdated(o);
}

void TradingService::usePracticeAccount()
{
    m_practice = makeDesk();
    m_desk = nullptr; // always announce the fresh account
    switchTo(m_practice.get());
}

std::vector<TradingDesk *> TradingService::desks() const
{
    std::vector<TradingDesk *> all{m_paper.get()};
    if (m_practice)
        all.push_back(m_practice.get());
    if (m_live)
        all.push_back(m_live.get());
    return all;
}

QString TradingService::accountName() const
{
    return live() ? kLive : kPaper;
}

void TradingService::startLive(const LiveAccount &account, EthKey key)
{
    if (m_live) {
        m_live->cancelAll();
        m_live.reset();
    }
    auto broker = std::make_unique<LiveBroker>(account, std::move(key));
    m_liveBroker = broker.get();
    for (const auto &[condition, yes, no] : std::as_const(m_markets)) {
        m_liveBroker->setMarket(yes, condition);
        m_liveBroker->setMarket(no, condition);
    }
    connect(m_liveBroker, &LiveBroker::statusChanged, this, [this](const LiveStatus &status) {
        m_dirty = true;
        Q_EMIT liveStatusChanged(status);
    });
    connect(m_liveBroker, &LiveBroker::notice, this, &TradingService::notice);
    m_live = makeDesk(std::move(broker));
    m_live->portfolio().setStartingCash(0); // the exchange's balance replaces it when read
    m_liveBroker->start();
    switchTo(m_live.get());
    Q_EMIT liveStatusChanged(m_liveBroker->status());
}

bool TradingService::useLiveAccount()
{
    if (!m_live)
        return false;
    switchTo(m_live.get());
    for (const Order &o : m_live->broker().workingOrders())
        Q_EMIT orderUpdated(o);
    Q_EMIT liveStatusChanged(m_liveBroker->status());
    return true;
}

void TradingService::leaveLive(const QString &reason)
{
    if (!live())
        return;
    const int n = m_live->cancelAll();
    Q_EMIT notice(tr("Left LIVE (%1): %n resting live order(s) cancelled.", nullptr, n).arg(reason));
    usePaperAccount();
}

void TradingService::dropLive(const QString &reason)
{
    if (!m_live)
        return;
    const bool wasLive = live();
    m_liveBroker = nullptr;
    if (wasLive)
        usePaperAccount();
    m_live.reset();
    Q_EMIT notice(tr("The live account was closed: %1.").arg(reason));
    Q_EMIT liveClosed(reason);
}

void TradingService::setBooks(const BookStore *books)
{
    m_books = books;
    for (TradingDesk *desk : desks())
        desk->setBooks(books);
}

void TradingService::setStartingCash(Fixed cash)
{
    m_startingCash = cash;
    m_paper->portfolio().setStartingCash(cash);
    m_dirty = true;
}

bool TradingService::refuseWhileLocked(const char *what)
{
    if (!m_locked)
        return false;
    Q_EMIT notice(tr("Trading is locked: unlock it to %1.").arg(QLatin1String(what)));
    return true;
}

void TradingService::setLocked(bool locked)
{
    m_locked = locked;
    m_dirty = true;
    publish();
}

void TradingService::submit(const OrderRequest &request)
{
    if (refuseWhileLocked("place orders"))
        return;
    const Order order = m_desk->submit(request);
    if (order.status == OrderStatus::Invalid)
        Q_EMIT notice(tr("Order refused: %1").arg(order.reason));
}

void TradingService::cancel(qint64 orderId)
{
    // Cancelling is always allowed: it only lowers risk.
    m_desk->cancel(orderId);
}

void TradingService::cancelAll()
{
    const int n = m_desk->cancelAll();
    Q_EMIT notice(tr("%n order(s) cancelled.", nullptr, n));
}

void TradingService::moveOrder(qint64 orderId, qint64 price)
{
    if (refuseWhileLocked("move orders"))
        return;
    const Order *old = m_desk->broker().order(orderId);
    if (!old)
        return;
    const Order moved = m_desk->replace(orderId, price, old->remaining());
    if (moved.status == OrderStatus::Invalid)
        Q_EMIT notice(tr("Move refused: %1").arg(moved.reason));
}

void TradingService::flatten(const QString &assetId)
{
    for (const Order &o : m_desk->flatten(assetId)) {
        if (o.status == OrderStatus::Invalid)
            Q_EMIT notice(tr("Flatten refused: %1").arg(o.reason));
    }
}

void TradingService::kill(bool alsoFlatten)
{
    // The kill switch works locked or not.
    const int n = m_desk->kill(alsoFlatten);
    m_locked = true;
    Q_EMIT notice(alsoFlatten ? tr("Kill switch: %n order(s) cancelled, positions flattened, trading locked.", nullptr, n)
                              : tr("Kill switch: %n order(s) cancelled, trading locked.", nullptr, n));
    publish();
}

void TradingService::setStop(const QString &assetId, qint64 price)
{
    m_desk->setStop(assetId, price);
    m_dirty = true;
}

void TradingService::setLimits(const RiskLimits &limits)
{
    m_limits = limits;
    for (TradingDesk *desk : desks())
        desk->setLimits(limits);
    m_dirty = true;
}

void TradingService::addMarket(const QString &conditionId, const QString &yesAsset, const QString &noAsset, qint64 minOrderSize,
                               bool negRisk)
{
    for (const QString &asset : {yesAsset, noAsset}) {
        MarketRules rules = m_rules.value(asset);
        if (minOrderSize > 0)
            rules.minOrderSize = minOrderSize;
        rules.negRisk = negRisk; // which exchange a live order is signed for
        m_rules.insert(asset, rules);
        for (TradingDesk *desk : desks())
            desk->broker().setRules(asset, rules);
        if (m_liveBroker)
            m_liveBroker->setMarket(asset, conditionId);
    }
    m_markets.append({conditionId, yesAsset, noAsset});
    for (TradingDesk *desk : desks())
        desk->portfolio().addMarket({conditionId, yesAsset, noAsset});
}

void TradingService::setFeeSchedule(const QString &assetId, qint64 rate, int exponent)
{
    MarketRules rules = m_rules.value(assetId);
    rules.fees = FeeSchedule{rate, exponent};
    m_rules.insert(assetId, rules);
    for (TradingDesk *desk : desks())
        desk->broker().setRules(assetId, rules);
}

void TradingService::applyMarketRules(const ClobMarketRules &clob)
{
    for (const QString &asset : clob.tokenIds) {
        MarketRules rules = m_rules.value(asset);
        if (clob.tick > 0)
            rules.tick = clob.tick; // the live book's tick still overrides it
        if (clob.minOrderSize > 0)
            rules.minOrderSize = clob.minOrderSize;
        if (clob.negRiskKnown)
            rules.negRisk = clob.negRisk;
        if (clob.feesKnown)
            rules.fees = clob.fees;
        m_rules.insert(asset, rules);
        for (TradingDesk *desk : desks())
            desk->broker().setRules(asset, rules);
        if (clob.feesKnown)
            Q_EMIT feeScheduleChanged(asset, clob.fees.rate, clob.fees.exponent);
    }
}

void TradingService::onOrderUpdated(const Order &order)
{
    m_dirty = true;
    if (m_writer && !practising() && order.id > 0)
        m_writer->enqueue(OrderRow{accountName(), order});
    Q_EMIT orderUpdated(order);
}

void TradingService::onFill(const Fill &fill)
{
    m_dirty = true;
    if (m_writer && !practising()) {
        m_writer->enqueue(FillRow{accountName(), fill});
        storePosition(fill.assetId, fill.timestampMs);
    }
    Q_EMIT fillReceived(fill);
}

void TradingService::storePosition(const QString &assetId, qint64 timestampMs)
{
    if (const Position *p = m_desk->portfolio().position(assetId))
        m_writer->enqueue(PositionRow{accountName(), *p, timestampMs});
}

void TradingService::onStopTriggered(const QString &assetId, const Order &order)
{
    Q_EMIT stopTriggered(assetId, order);
    Q_EMIT notice(order.status == OrderStatus::Invalid
                      ? tr("Stop-loss hit but its sell was refused: %1").arg(order.reason)
                      : tr("Stop-loss hit: sold %1 shares.").arg(QString::fromStdString(formatFixed(order.filled))));
}

void TradingService::publish()
{
    m_dirty = false;
    const Portfolio &p = m_desk->portfolio();
    AccountSummary s;
    s.account = practising() ? tr("replay practice") : accountName();
    s.locked = m_locked;
    s.persisted = !practising() && m_writer;
    s.cash = p.cash();
    s.realized = p.realized();
    s.unrealized = p.unrealized();
    s.fees = p.fees();
    s.dailyPnl = m_desk->dailyPnl();
    s.dailyLossLimit = m_limits.maxDailyLoss;
    s.workingOrders = int(m_desk->broker().workingOrders().size());
    for (const Position &pos : p.positions()) {
        PositionView v;
        v.position = pos;
        v.mark = p.markOf(pos.assetId);
        v.unrealized = pos.unrealized(v.mark);
        v.stop = m_desk->stopOf(pos.assetId);
        s.positions.append(v);
    }
    Q_EMIT accountUpdated(s);
}

} // namespace polymon
