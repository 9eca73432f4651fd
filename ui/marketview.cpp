#include "marketview.h"
#include "priceformat.h"

#include "imbalancebar.h"
#include "laddermodel.h"
#include "ladderpane.h"
#include "heatmappane.h"
#include "heatmapview.h"
#include "pricechartview.h"
#include "themes.h"
#include "tradetapemodel.h"
#include "viewfactory.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace polymon {

namespace {

QString contracts(Fixed v)
{
    return QLocale().toString(double(v) / double(kFixedScale), 'f', 0);
}

// "4 s", "12 min", "3 h": the unit a person would use.
QString durationText(qint64 ms)
{
    if (ms < 60'000)
        return MarketView::tr("%1 s").arg(std::max<qint64>(1, ms / 1000));
    if (ms < 3'600'000)
        return MarketView::tr("%1 min").arg(ms / 60'000);
    return MarketView::tr("%1 h").arg(ms / 3'600'000);
}

QString outcomeName(const MarketInfo &m, int i)
{
    return m.outcomes.value(i, i == 0 ? QStringLiteral("Yes") : QStringLiteral("No"));
}

} // namespace

MarketView::MarketView(const MarketInfo &market, QWidget *parent)
    : QWidget(parent)
    , m_market(market)
{
    for (int i = 0; i < market.tokenIds.size(); ++i)
        m_prices << QString();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);

    // Title row: question, outcome switch, state.
    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(market.question, this);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.2);
    tf.setBold(true);
    m_title->setFont(tf);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setMinimumWidth(120);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_title->setToolTip(market.question);
    titleRow->addWidget(m_title, 1);
    m_outcomeButtons = new QButtonGroup(this);
    m_outcomeButtons->setExclusive(true);
    for (int i = 0; i < market.tokenIds.size(); ++i) {
        auto *b = new QToolButton(this);
        b->setObjectName(QStringLiteral("outcome%1").arg(i));
        b->setText(outcomeName(market, i));
        b->setCheckable(true);
        b->setChecked(i == 0);
        b->setMinimumWidth(72);
        b->setToolTip(tr("Show the %1 book (Ctrl+%2)").arg(outcomeName(market, i)).arg(i + 1));
        m_outcomeButtons->addButton(b, i);
        titleRow->addWidget(b);
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, i] { setOutcome(i); });
    }
    if (market.tokenIds.size() == 2) {
        // Both tokens as one book, priced in the first outcome.
        auto *b = new QToolButton(this);
        b->setObjectName(QStringLiteral("outcomeMerged"));
        b->setText(tr("%1+%2").arg(outcomeName(market, 0), outcomeName(market, 1)));
        b->setCheckable(true);
        b->setToolTip(tr("One book in %1 prices: %2 bids at 1 - p are %1 asks and %2 asks %1 bids; an order both "
                         "books show counts once (Ctrl+3)")
                          .arg(outcomeName(market, 0), outcomeName(market, 1)));
        m_outcomeButtons->addButton(b, kMergedButton);
        titleRow->addWidget(b);
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_3), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this] { setOutcome(kMergedOutcome); });
    }
    connect(m_outcomeButtons, &QButtonGroup::idClicked, this,
            [this](int id) { setOutcome(id == kMergedButton ? kMergedOutcome : id); });
    styleOutcomeButtons();
    if (!market.eventId.isEmpty()) {
        auto *event = new QToolButton(this);
        event->setObjectName(QStringLiteral("eventButton"));
        event->setText(tr("Event"));
        event->setToolTip(tr("Every outcome of \u201c%1\u201d side by side, with the sum of their YES prices")
                              .arg(market.eventTitle.toHtmlEscaped()));
        connect(event, &QToolButton::clicked, this, [this] { Q_EMIT eventRequested(m_market.eventId); });
        titleRow->addWidget(event);
    }
    // YES and NO are one book: what buying both at the asks costs, and
    // selling both at the bids gives, against the $1 they pay together.
    m_pairSum = new QLabel(this);
    m_pairSum->setObjectName(QStringLiteral("pairSum"));
    m_pairSum->setVisible(market.tokenIds.size() == 2);
    m_pairSum->setMinimumWidth(40); // clipped before it widens the window (the tooltip has it all)
    titleRow->addSpacing(8);
    titleRow->addWidget(m_pairSum);
    m_state = new QLabel(tr("waiting for book"), this);
    m_state->setMinimumWidth(110);
    m_state->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    titleRow->addSpacing(8);
    titleRow->addWidget(m_state);
    layout->addLayout(titleRow);

    m_closedBanner = new QLabel(this);
    m_closedBanner->setMargin(6);
    m_closedBanner->hide();
    layout->addWidget(m_closedBanner);

    // Metrics strip: a caption over each value.
    m_metrics = new QWidget(this);
    auto *grid = new QGridLayout(m_metrics);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(0);
    m_bid = addMetric(tr("Best bid"), 0);
    m_ask = addMetric(tr("Best ask"), 1);
    m_mid = addMetric(tr("Mid"), 2);
    m_spread = addMetric(tr("Spread"), 3);
    m_depth = addMetric(tr("Depth bid / ask"), 4);
    m_depth->setToolTip(tr("Shares resting within the band around the mid (Settings ▸ Detector), bids / asks"));
    m_imbalance = new ImbalanceBar(m_metrics);
    m_imbalance->setMinimumWidth(70);
    addMetric(tr("Imbalance"), 5, m_imbalance);
    m_health = addMetric(tr("Health"), 6);
    m_warmup = addMetric(tr("Baseline"), 7);
    grid->setColumnStretch(5, 1);
    QFont vf = m_bid->font();
    vf.setPointSizeF(vf.pointSizeF() * 1.15);
    for (QLabel *l : {m_bid, m_ask, m_mid, m_spread, m_depth})
        l->setFont(vf);
    layout->addWidget(m_metrics);

    // Ladder | chart over tape.
    m_ladderPane = new LadderPane(this);
    m_ladder = m_ladderPane->model();
    connect(m_ladderPane, &LadderPane::orderRequested, this, &MarketView::ladderOrderRequested);
    connect(m_ladderPane, &LadderPane::cancelRequested, this, &MarketView::ladderCancelRequested);
    connect(m_ladderPane, &LadderPane::moveRequested, this, &MarketView::ladderMoveRequested);

    m_chart = new PriceChartView(this);
    m_chart->setObjectName(QStringLiteral("priceChart"));
    m_chart->setMinimumHeight(100);

    m_tape = new TradeTapeModel(this);
    for (int i = 0; i < market.tokenIds.size(); ++i)
        m_tape->setOutcomeName(market.tokenIds[i], outcomeName(market, i));
    m_tapeView = ViewFactory::table(this);
    m_tapeView->setObjectName(QStringLiteral("tapeView"));
    m_tapeView->setModel(m_tape);
    m_tapeView->setSelectionMode(QAbstractItemView::NoSelection);
    m_tapeView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    QWidget *tapePane = ViewFactory::titled(tr("Trade tape"), m_tapeView);

    // The price chart and the liquidity heatmap share the space above the tape.
    m_heatmap = new HeatmapPane(this);
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("chartTabs"));
    m_views->setDocumentMode(true);
    m_views->addTab(m_chart, tr("Price"));
    m_views->addTab(m_heatmap, tr("Heatmap"));
    connect(m_views, &QTabWidget::currentChanged, this, [this] { refresh(); });

    m_rightSplit = new QSplitter(Qt::Vertical, this);
    m_rightSplit->addWidget(m_views);
    m_rightSplit->addWidget(tapePane);
    m_rightSplit->setStretchFactor(0, 3);
    m_rightSplit->setStretchFactor(1, 2);
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("marketSplitter"));
    m_split->addWidget(m_ladderPane);
    m_split->addWidget(m_rightSplit);
    m_split->setStretchFactor(0, 1); // the ladder as wide as chart and tape
    m_split->setStretchFactor(1, 1);
    layout->addWidget(m_split, 1);

    setOutcome(0);
}

MarketView::~MarketView() = default;

QLabel *MarketView::addMetric(const QString &caption, int column, QWidget *value)
{
    auto *grid = static_cast<QGridLayout *>(m_metrics->layout());
    grid->addWidget(ViewFactory::caption(caption, m_metrics), 0, column);
    QLabel *label = nullptr;
    if (!value) {
        label = new QLabel(QStringLiteral("—"), m_metrics);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value = label;
    }
    grid->addWidget(value, 1, column);
    return label;
}

QString MarketView::currentAsset() const
{
    return m_market.tokenIds.value(m_outcome);
}

void MarketView::setOutcome(int index)
{
    const bool merged = index == kMergedOutcome && m_market.tokenIds.size() == 2;
    if (!merged && (index < 0 || index >= m_market.tokenIds.size()))
        return;
    const int outcome = merged ? 0 : index;
    const bool changed = outcome != m_outcome || merged != m_merged || m_chart->asset().isEmpty();
    m_outcome = outcome;
    m_merged = merged;
    if (QAbstractButton *b = m_outcomeButtons->button(merged ? kMergedButton : index))
        b->setChecked(true);
    if (!changed)
        return;
    m_ladderPane->clear();
    m_ladderPane->setCaption(merged ? tr("%1+%2 in %1 prices").arg(outcomeName(m_market, 0), outcomeName(m_market, 1))
                                    : QString());
    m_ladder->addTrades(m_recentTrades.value(currentAsset()));
    m_hasHiddenTop = false;
    for (QLabel *l : {m_bid, m_ask, m_mid, m_spread, m_depth, m_health, m_warmup})
        l->setText(QStringLiteral("—"));
    m_imbalance->setImbalance(std::nan(""));
    m_chart->showAsset(currentAsset());
    m_heatmap->view()->setHistory(&m_heat[heatKey()]);
    m_heatmap->view()->clearMarkers();
    Q_EMIT currentAssetChanged(currentAsset());
}

QString MarketView::heatKey() const
{
    return m_merged ? QStringLiteral("merged") : currentAsset();
}

void MarketView::applySnapshot(const TopSnapshot &t)
{
    const int outcome = int(m_market.tokenIds.indexOf(t.assetId));
    if (outcome < 0 || m_closed)
        return;
    if (t.state == SyncState::Synced && t.metrics.twoSided())
        m_chart->addPoint(t.assetId, t.lastUpdateMs, t.metrics.bestBid, t.metrics.bestAsk);
    else
        m_chart->breakHere(t.assetId, m_clockMs); // no book, or one side only: no bid/ask/mid to draw
    if (t.metrics.twoSided()) {
        const QString mid = PriceFormat::price(t.metrics.mid);
        if (m_prices.value(outcome) != mid) {
            m_prices[outcome] = mid;
            m_outcomeButtons->button(outcome)->setText(QStringLiteral("%1  %2").arg(outcomeName(m_market, outcome), mid));
        }
    }
    if (outcome >= 0 && outcome < 2 && m_market.tokenIds.size() == 2) {
        m_pairTops[outcome] = t.metrics;
        m_pairKnown[outcome] = t.state == SyncState::Synced;
        showPairSum();
    }
    const bool levels = !t.bids.isEmpty() || !t.asks.isEmpty();
    if (isVisible()) // levels come for the market on screen: a hidden one has a gap
        recordDepth(t, outcome);
    if (outcome != m_outcome)
        return;
    if (!isVisible()) {
        // A tab in the background: its header is drawn when it is shown.
        m_hiddenTop = t;
        m_hiddenTop.bids.clear();
        m_hiddenTop.asks.clear();
        m_hasHiddenTop = true;
        return;
    }
    showHeader(t);
    m_heatmap->view()->setTick(t.tickSize > 0 ? t.tickSize : LadderModel::kDefaultTick);
    if (levels && !m_merged) // the merged book is shown by refresh(), once both sides are in
        m_ladderPane->showBook(t.bids, t.asks, t.tickSize, t.lastUpdateMs);
}

void MarketView::recordDepth(const TopSnapshot &t, int outcome)
{
    const bool binary = m_market.tokenIds.size() == 2;
    DepthHistory &depth = m_heat[t.assetId];
    if (t.state != SyncState::Synced) {
        depth.breakHere(); // no book: a gap, not a quiet book
        if (binary)
            m_heat[QStringLiteral("merged")].breakHere();
        return;
    }
    if (t.bids.isEmpty() && t.asks.isEmpty())
        return;
    depth.addBook(t.lastUpdateMs, t.bids, t.asks);
    if (!binary)
        return;
    m_sides[outcome] = {t.bids, t.asks};
    m_mergedMs = t.lastUpdateMs;
    if (outcome == 0)
        m_mergedTick = t.tickSize; // the merged book is priced in the first outcome
    m_mergedStale = true;
}

void MarketView::showMergedBook()
{
    // Once per batch of snapshots, however many of the two tokens changed.
    if (!m_mergedStale)
        return;
    m_mergedStale = false;
    const MergedBook merged = MergedBook::merge(m_sides[0].first, m_sides[0].second, m_sides[1].first, m_sides[1].second);
    m_heat[QStringLiteral("merged")].addBook(m_mergedMs, merged.bids, merged.asks);
    if (m_merged)
        m_ladderPane->showBook(merged.bids, merged.asks, m_mergedTick, m_mergedMs);
}

void MarketView::styleOutcomeButtons()
{
    // A segmented switch: the shown outcome stands out in either theme. A
    // style sheet resolves palette() when it is set, so it is set again when
    // the theme changes (a dark theme once left dark text on dark buttons).
    const QString sheet = QStringLiteral(
        "QToolButton{padding:3px 10px;border:1px solid palette(mid);border-radius:3px;"
        "color:palette(button-text);background:palette(button);}"
        "QToolButton:checked{background:palette(highlight);color:palette(highlighted-text);"
        "border-color:palette(highlight);font-weight:bold;}");
    for (QAbstractButton *b : m_outcomeButtons->buttons()) {
        b->setStyleSheet(QString());
        b->setStyleSheet(sheet);
    }
}

void MarketView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
        styleOutcomeButtons();
}

void MarketView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_hasHiddenTop) {
        m_hasHiddenTop = false;
        showHeader(m_hiddenTop);
    }
    m_chart->refresh();
}

void MarketView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    // A hidden tab gets no book levels: what comes while hidden is a gap.
    for (auto &[asset, depth] : m_heat)
        depth.breakHere();
}

void MarketView::showHeader(const TopSnapshot &t)
{
    const BookMetrics &m = t.metrics;
    m_bid->setText(m.hasBid ? QStringLiteral("%1 × %2").arg(PriceFormat::price(m.bestBid), contracts(m.bestBidSize)) : tr("none"));
    m_ask->setText(m.hasAsk ? QStringLiteral("%1 × %2").arg(PriceFormat::price(m.bestAsk), contracts(m.bestAskSize)) : tr("none"));
    if (m.twoSided()) {
        m_mid->setText(PriceFormat::price(m.mid));
        const double bps = m.mid > 0 ? double(m.spread) * 10'000.0 / double(m.mid) : 0.0;
        m_spread->setText(tr("%1 · %2 bps").arg(PriceFormat::difference(m.spread)).arg(bps, 0, 'f', 0));
    } else {
        m_mid->setText(QStringLiteral("—"));
        m_spread->setText(QStringLiteral("—"));
    }
    m_depth->setText(QStringLiteral("%1 / %2").arg(contracts(m.bandBidDepth), contracts(m.bandAskDepth)));
    m_imbalance->setImbalance(m.bandBidDepth + m.bandAskDepth > 0 ? m.imbalance : std::nan(""));

    const Health &h = t.health;
    if (h.healthy()) {
        m_health->setText(tr("healthy"));
        m_health->setToolTip(tr("Fresh, spread under the limit, enough depth on both sides"));
    } else {
        QStringList problems;
        if (!h.fresh)
            problems << tr("stale");
        if (!h.spreadOk)
            problems << tr("wide spread");
        if (!h.depthOk)
            problems << tr("thin");
        m_health->setText(problems.join(QStringLiteral(", ")));
        m_health->setToolTip(tr("Trade signals need a healthy book; AVOID signals still fire"));
    }
    QPalette hp = m_health->palette();
    hp.setColor(QPalette::WindowText, h.healthy() ? Themes::bid() : Themes::error());
    m_health->setPalette(hp);

    if (t.warmMinutes >= t.warmTargetMinutes)
        m_warmup->setText(tr("warm (%1 min)").arg(t.warmMinutes));
    else
        m_warmup->setText(tr("%1/%2 min").arg(t.warmMinutes).arg(t.warmTargetMinutes));
    m_warmup->setToolTip(t.warmMinutes < t.minWarmupMinutes
                             ? tr("Warming up: signals can fire after %1 minutes of baseline").arg(t.minWarmupMinutes)
                             : tr("Signals enabled; confidence reaches full data quality at %1 minutes").arg(t.warmTargetMinutes));

    QString state;
    switch (t.state) {
    case SyncState::Synced: state = t.crossed ? tr("crossed (exchange)") : tr("live"); break;
    case SyncState::AwaitingBook: state = tr("waiting for book"); break;
    case SyncState::Unsynced: state = tr("resyncing"); break;
    }
    if (t.quietness.quiet) {
        state = tr("quiet %1 (usually %2)").arg(durationText(t.quietness.silentMs), durationText(t.quietness.usualGapMs));
        m_state->setToolTip(tr("No update for far longer than this book's usual gap. The market may just be quiet; "
                               "the connection is watched separately."));
    } else {
        m_state->setToolTip(QString());
    }
    m_state->setText(state);
}

void MarketView::showPairSum()
{
    if (!m_pairKnown[0] || !m_pairKnown[1]) {
        m_pairSum->setText(QString());
        return;
    }
    const BookMetrics &a = m_pairTops[0], &b = m_pairTops[1];
    const bool asks = a.hasAsk && b.hasAsk, bids = a.hasBid && b.hasBid;
    const Fixed askSum = asks ? a.bestAsk + b.bestAsk : 0;
    const Fixed bidSum = bids ? a.bestBid + b.bestBid : 0;
    m_pairSum->setText(tr("%1+%2 asks %3 · bids %4")
                           .arg(outcomeName(m_market, 0), outcomeName(m_market, 1),
                                asks ? PriceFormat::price(askSum) : QStringLiteral("—"),
                                bids ? PriceFormat::price(bidSum) : QStringLiteral("—")));
    m_pairSum->setToolTip(tr("Buying both outcomes at their best asks costs %1 (%2 against the $1 they pay together); "
                             "selling both at their best bids gives %3 (%4).")
                              .arg(asks ? PriceFormat::price(askSum) : tr("—"),
                                   asks ? PriceFormat::signedDifference(askSum - kFixedScale) : tr("—"),
                                   bids ? PriceFormat::price(bidSum) : tr("—"),
                                   bids ? PriceFormat::signedDifference(bidSum - kFixedScale) : tr("—")));
}

QString MarketView::pairSumText() const
{
    return m_pairSum->text();
}

QString MarketView::headerText() const
{
    return QStringList{m_bid->text(), m_ask->text(), m_mid->text(), m_spread->text(), m_depth->text(),
                       m_health->text(), m_warmup->text(), m_state->text()}
        .join(QStringLiteral(" | "));
}

void MarketView::addTrades(const QList<TradePrint> &trades)
{
    // The ladder's Traded column counts the shown outcome's; the rest is kept
    // (bounded) so that switching outcome shows theirs.
    QList<TradePrint> shown;
    for (const TradePrint &t : trades) {
        QList<TradePrint> &kept = m_recentTrades[t.assetId];
        kept.append(t);
        if (kept.size() > kRecentTradesKept)
            kept.remove(0, kept.size() - kRecentTradesKept);
        if (t.assetId == currentAsset())
            shown.append(t);
        m_heat[t.assetId].addTrade(t.timestampMs, t.price, t.size, t.side);
        if (m_market.tokenIds.size() == 2 && t.assetId == m_market.tokenIds[0])
            m_heat[QStringLiteral("merged")].addTrade(t.timestampMs, t.price, t.size, t.side); // NO's prints mirror these
    }
    if (!shown.isEmpty())
        m_ladder->addTrades(shown);
    m_tape->addTrades(trades);
}

void MarketView::addSignal(const Signal &signal)
{
    m_chart->addSignal(signal);
    if (QString::fromStdString(signal.assetId) == currentAsset())
        m_heatmap->view()->addSignalMarker(signal.timestampMs, QLatin1String(signalTypeName(signal.type)),
                                           signal.type == SignalType::PanicSell || signal.type == SignalType::LiquidityVacuum
                                               ? Themes::ask()
                                               : Themes::bid());
}

void MarketView::addHistory(const AssetHistory &history)
{
    m_chart->addHistory(history);
    // The recorded past of the heatmap. A minute without a stored book is
    // shown as a gap: the database cannot tell a quiet book from nothing
    // recorded, and a gap is never bridged.
    std::vector<std::pair<std::int64_t, std::pair<QVector<PriceLevel>, QVector<PriceLevel>>>> books;
    books.reserve(std::size_t(history.depth.size()));
    for (const AssetHistory::Depth &d : history.depth)
        books.push_back({d.ts, {d.bids, d.asks}});
    m_heat[history.assetId].prepend(books, 60'000);
    m_heatmap->view()->update();
}

void MarketView::setClock(qint64 ms)
{
    m_clockMs = ms;
    m_chart->setClock(ms);
    m_heatmap->view()->setClock(ms);
}

void MarketView::refresh()
{
    if (!isVisible())
        return;
    showMergedBook();
    m_chart->refresh();
    m_heatmap->view()->refresh();
}

void MarketView::markClosed(const QString &reason)
{
    m_closed = true;
    m_state->setText(reason);
    m_closedBanner->setText(tr("<b>Market %1.</b> It is no longer watched; the chart and tape keep what was seen. "
                               "Close this tab when done.")
                                .arg(reason.toHtmlEscaped()));
    m_closedBanner->setStyleSheet(QStringLiteral("background:%1;color:%2;border-radius:3px;")
                                      .arg(Themes::warning().name(), Themes::warningText().name()));
    m_closedBanner->show();
    m_ladderPane->clear();
}

void MarketView::recentre()
{
    m_ladderPane->recentre();
}

} // namespace polymon
