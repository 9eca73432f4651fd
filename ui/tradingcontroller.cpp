#include "tradingcontroller.h"
#include "priceformat.h"

#include "fillsmodel.h"
#include "laddermodel.h"
#include "marketview.h"
#include "ordersmodel.h"
#include "positionsmodel.h"
#include "tradingbar.h"
#include "tradingformat.h"
#include "trading/tradingservice.h"

#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QShortcut>

namespace polymon {

namespace {
template<typename F>
void invoke(TradingService *service, F &&call)
{
    QMetaObject::invokeMethod(service, std::forward<F>(call), Qt::QueuedConnection);
}
} // namespace

TradingController::TradingController(TradingService *service, QMainWindow *window, TradingBar *bar)
    : QObject(window)
    , m_service(service)
    , m_window(window)
    , m_bar(bar)
    , m_orders(new OrdersModel(this))
    , m_fills(new FillsModel(this))
    , m_positions(new PositionsModel(this))
    , m_pnl(new QLabel(window))
{
    m_pnl->setObjectName(QStringLiteral("pnlLabel"));
    m_pnl->setMinimumWidth(8); // the status bar may clip it rather than widen the window
    m_pnl->setTextFormat(Qt::RichText);
    m_confirm = [this](const QString &text) {
        return QMessageBox::question(m_window, tr("First order of this session"), text,
                                     QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Ok;
    };
    connect(service, &TradingService::orderUpdated, this, &TradingController::onOrderUpdated);
    connect(service, &TradingService::fillReceived, m_fills, &FillsModel::add);
    connect(service, &TradingService::accountUpdated, this, &TradingController::onAccount);
    connect(service, &TradingService::notice, this, &TradingController::message);
    connect(service, &TradingService::feeScheduleChanged, this,
            [this](const QString &asset, qint64 rate, int exponent) { m_fees.insert(asset, FeeSchedule{rate, exponent}); });
    connect(bar, &TradingBar::lockToggled, this, [this](bool locked) { setUnlocked(!locked); });
    connect(bar, &TradingBar::cancelAllRequested, this, &TradingController::cancelAll);
    connect(bar, &TradingBar::flattenRequested, this, &TradingController::flattenCurrent);
    connect(bar, &TradingBar::killRequested, this, &TradingController::kill);
    installShortcuts();
}

void TradingController::setLabeler(std::function<QString(const QString &)> labeler)
{
    m_label = labeler;
    m_orders->setLabeler(labeler);
    m_fills->setLabeler(labeler);
    m_positions->setLabeler(labeler);
}

void TradingController::installShortcuts()
{
    struct Key
    {
        QKeySequence keys;
        std::function<void()> action;
    };
    const Key keys[] = {
        {QKeySequence(tr("Ctrl+Shift+B")), [this] { takeBest(Side::Buy); }},
        {QKeySequence(tr("Ctrl+Shift+S")), [this] { takeBest(Side::Sell); }},
        {QKeySequence(tr("Ctrl+Shift+J")), [this] { joinBest(Side::Buy); }},
        {QKeySequence(tr("Ctrl+Shift+A")), [this] { joinBest(Side::Sell); }},
        {QKeySequence(tr("Ctrl+Shift+C")), [this] { cancelAll(); }},
        {QKeySequence(tr("Ctrl+Shift+F")), [this] { flattenCurrent(); }},
        {QKeySequence(Qt::Key_F12), [this] { kill(); }},
    };
    for (const Key &k : keys) {
        auto *shortcut = new QShortcut(k.keys, m_window);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, k.action);
    }
}

void TradingController::attachView(MarketView *view)
{
    m_views.append(view);
    connect(view, &MarketView::ladderOrderRequested, this,
            [this, view](Side side, qint64 price) { placeLimit(view->currentAsset(), side, price); });
    connect(view, &MarketView::ladderCancelRequested, this,
            [this, view](Side side, qint64 price) { cancelAt(view->currentAsset(), side, price); });
    connect(view, &MarketView::ladderMoveRequested, this,
            [this, view](Side side, qint64 from, qint64 to) { moveOrders(view->currentAsset(), side, from, to); });
    connect(view, &MarketView::currentAssetChanged, this, &TradingController::refreshLadders);
    refreshLadders(view->currentAsset());
}

void TradingController::onSnapshots(const QList<TopSnapshot> &tops)
{
    for (const TopSnapshot &t : tops)
        m_best.insert(t.assetId, {t.metrics.hasBid ? t.metrics.bestBid : 0, t.metrics.hasAsk ? t.metrics.bestAsk : 0});
}

void TradingController::setUnlocked(bool unlocked)
{
    m_bar->setLocked(!unlocked);
    invoke(m_service, [s = m_service, unlocked] { s->setLocked(!unlocked); });
    Q_EMIT message(unlocked ? (m_account.account == QLatin1String("live")
                                   ? tr("Trading unlocked: ladder clicks and trading keys place LIVE orders.")
                                   : tr("Trading unlocked: ladder clicks and trading keys place paper orders."))
                            : tr("Trading locked."));
}

bool TradingController::allowed(const char *what)
{
    if (!m_bar->isLocked())
        return true;
    Q_EMIT message(tr("Trading is locked: unlock it in the toolbar to %1.").arg(tr(what)));
    return false;
}

QString TradingController::feeNote(const OrderRequest &request) const
{
    const auto fees = m_fees.constFind(request.assetId);
    if (fees == m_fees.cend())
        return m_feeNote ? m_feeNote(request) : tr("The exchange sets any taker fee when it matches.");
    if (fees->rate == 0)
        return tr("The exchange charges this market no taker fee.");
    return tr("If it matches at once it pays the taker fee: %1 at its limit (rate %2, exponent %3, as the exchange "
              "states them); resting, it pays none.")
        .arg(TradingFormat::dollars(fees->takerFee(request.size, request.price)),
             QString::fromStdString(formatFixed(fees->rate)))
        .arg(fees->exponent);
}

void TradingController::submit(const OrderRequest &request)
{
    if (!allowed("place orders"))
        return;
    if (!m_confirmed) {
        const bool live = m_account.account == QLatin1String("live");
        const QString what = tr("%1 %2 shares at %3 (%4) on %5.")
                                 .arg(QLatin1String(sideName(request.side)), TradingFormat::shares(request.size),
                                      PriceFormat::price(request.price), QLatin1String(orderTypeName(request.type)),
                                      m_label ? m_label(request.assetId) : request.assetId);
        const QString text =
            live ? tr("%1\n\nLIVE: this order is signed with your key and sent to the exchange. %2 %3. %4\n\n"
                      "Later orders of this session go without asking.")
                       .arg(what,
                            request.side == Side::Buy ? tr("You pay at most") : tr("You receive at least"),
                            TradingFormat::dollars(request.side == Side::Buy ? notionalUp(request.price, request.size)
                                                                             : notionalDown(request.price, request.size)),
                            feeNote(request))
                 : tr("%1\n\nThis is a paper order: it fills against the real book with the exchange's rules and "
                      "fees, but it never reaches Polymarket and never changes the book. Later orders of this "
                      "session go without asking.")
                       .arg(what);
        if (!m_confirm(text))
            return;
        m_confirmed = true;
    }
    invoke(m_service, [s = m_service, request] { s->submit(request); });
}

void TradingController::placeLimit(const QString &assetId, Side side, Fixed price)
{
    orderAt(assetId, side, price, OrderType::GTC);
}

void TradingController::orderAt(const QString &assetId, Side side, Fixed price, OrderType type)
{
    if (assetId.isEmpty() || price <= 0)
        return;
    OrderRequest r;
    r.assetId = assetId;
    r.side = side;
    r.type = type;
    r.price = price;
    r.size = m_bar->orderSize();
    submit(r);
}

void TradingController::atBest(Side side, bool take)
{
    // Taking crosses to the other side's best; joining rests at this side's.
    const QString asset = m_currentAsset ? m_currentAsset() : QString();
    const auto best = m_best.value(asset);
    const bool useAsk = (side == Side::Buy) == take;
    const Fixed price = useAsk ? best.second : best.first;
    if (asset.isEmpty() || price <= 0) {
        Q_EMIT message(tr("No best %1 on the shown outcome.").arg(useAsk ? tr("ask") : tr("bid")));
        return;
    }
    orderAt(asset, side, price, take ? OrderType::FAK : OrderType::GTC);
}

void TradingController::takeBest(Side side)
{
    atBest(side, true);
}

void TradingController::joinBest(Side side)
{
    atBest(side, false);
}

void TradingController::cancelAt(const QString &assetId, Side side, Fixed price)
{
    for (const Order &o : m_orders->working(assetId)) {
        if (o.request.side == side && o.request.price == price)
            invoke(m_service, [s = m_service, id = o.id] { s->cancel(id); });
    }
}

void TradingController::moveOrders(const QString &assetId, Side side, Fixed from, Fixed to)
{
    if (!allowed("move orders"))
        return;
    for (const Order &o : m_orders->working(assetId)) {
        if (o.request.side == side && o.request.price == from)
            invoke(m_service, [s = m_service, id = o.id, to] { s->moveOrder(id, to); });
    }
}

void TradingController::cancelOrder(qint64 orderId)
{
    invoke(m_service, [s = m_service, orderId] { s->cancel(orderId); });
}

void TradingController::flatten(const QString &assetId)
{
    if (!allowed("flatten") || assetId.isEmpty())
        return;
    invoke(m_service, [s = m_service, assetId] { s->flatten(assetId); });
}

void TradingController::setStop(const QString &assetId, Fixed price)
{
    // A stop only ever reduces: it may be set while locked.
    invoke(m_service, [s = m_service, assetId, price] { s->setStop(assetId, price); });
    Q_EMIT message(price > 0 ? tr("Stop-loss at %1 set.").arg(PriceFormat::price(price)) : tr("Stop-loss removed."));
}

void TradingController::cancelAll()
{
    invoke(m_service, [s = m_service] { s->cancelAll(); });
}

void TradingController::flattenCurrent()
{
    flatten(m_currentAsset ? m_currentAsset() : QString());
}

void TradingController::kill()
{
    // Works locked or not, and locks.
    const bool flatten = m_bar->killAlsoFlattens();
    m_bar->setLocked(true);
    invoke(m_service, [s = m_service, flatten] { s->kill(flatten); });
}

void TradingController::onOrderUpdated(const Order &order)
{
    m_orders->update(order);
    refreshLadders(order.request.assetId);
}

void TradingController::refreshLadders(const QString &assetId)
{
    QVector<LadderOrder> orders;
    for (const Order &o : m_orders->working(assetId))
        orders.append(LadderOrder{o.request.price, o.request.side, o.remaining(), o.queueAhead});
    m_views.removeAll(nullptr);
    for (MarketView *view : std::as_const(m_views)) {
        if (view->currentAsset() == assetId)
            view->ladderModel()->setOrders(orders);
    }
}

void TradingController::onAccount(const AccountSummary &summary)
{
    const bool accountChanged = summary.account != m_account.account;
    m_account = summary;
    if (accountChanged) {
        // Another account's orders and fills are not this one's.
        m_orders->clear();
        m_fills->clear();
        m_confirmed = false;
        m_views.removeAll(nullptr);
        for (MarketView *view : std::as_const(m_views))
            view->ladderModel()->setOrders({});
    }
    const bool live = summary.account == QLatin1String("live");
    m_bar->setAccount(live                                        ? TradingBar::Account::Live
                      : summary.account == QLatin1String("paper") ? TradingBar::Account::Paper
                                                                  : TradingBar::Account::Practice);
    m_bar->setLocked(summary.locked);
    m_positions->setSummary(summary);
    const Fixed net = summary.netPnl();
    auto coloured = [](Fixed v) {
        const QString text = TradingFormat::signedDollars(v);
        return v == 0 ? text : QStringLiteral("<span style='color:%1'>%2</span>").arg(v > 0 ? QStringLiteral("#2e9e5b") : QStringLiteral("#d0443e"), text);
    };
    m_pnl->setText(tr("<b>%1</b> PnL %2 · today %3%4")
                       .arg(live ? tr("<span style='color:#d0021b'>LIVE</span>")
                            : summary.account == QLatin1String("paper") ? tr("PAPER")
                                                                        : tr("PRACTICE"),
                            coloured(net),
                            coloured(summary.dailyPnl),
                            summary.workingOrders > 0 ? tr(" · %n working", nullptr, summary.workingOrders) : QString()));
    m_pnl->setToolTip(tr("Cash %1. Realised %2, unrealised %3 (at the bids), fees %4. %5")
                          .arg(TradingFormat::dollars(summary.cash), TradingFormat::signedDollars(summary.realized),
                               TradingFormat::signedDollars(summary.unrealized), TradingFormat::dollars(summary.fees),
                               summary.persisted ? tr("Stored in the database and restored on restart.")
                                                 : tr("Not stored.")));
}

} // namespace polymon
