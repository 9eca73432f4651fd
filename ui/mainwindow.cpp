#include "mainwindow.h"

#include "alertsettings.h"
#include "laddermodel.h"
#include "marketlistmodel.h"
#include "pricechartview.h"
#include "monitor/monitorservice.h"
#include "signalfilterproxy.h"
#include "signallogmodel.h"
#include "sizebardelegate.h"
#include "watchtablemodel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QSystemTrayIcon>
#include <QComboBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QDateTime>
#include <QDir>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace polymon {

namespace {

constexpr int kTapeLength = 200;

QTableView *makeTable(QWidget *parent)
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

QWidget *titled(const QString &title, QWidget *body, QWidget *extra = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title));
    layout->addWidget(label);
    if (extra)
        layout->addWidget(extra);
    layout->addWidget(body, 1);
    return box;
}

} // namespace

MainWindow::MainWindow(MonitorService *service, QWidget *parent)
    : QMainWindow(parent)
    , m_service(service)
{
    setWindowTitle(tr("polymon — connecting…"));
    resize(1360, 820);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_banner = new QLabel(central);
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->hide();
    layout->addWidget(m_banner);

    // Left: the market browser.
    m_markets = new MarketListModel(this);
    m_marketProxy = new QSortFilterProxyModel(this);
    m_marketProxy->setSourceModel(m_markets);
    m_marketProxy->setSortRole(MarketListModel::SortRole);
    m_marketProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_marketProxy->setFilterKeyColumn(MarketListModel::Question);
    m_marketView = makeTable(central);
    m_marketView->setObjectName(QStringLiteral("marketView"));
    m_marketView->setModel(m_marketProxy);
    m_marketView->setSortingEnabled(true);
    m_marketView->sortByColumn(MarketListModel::Volume24h, Qt::DescendingOrder);
    m_marketView->horizontalHeader()->setSectionResizeMode(MarketListModel::Question, QHeaderView::Stretch);
    for (int c = MarketListModel::YesPrice; c < MarketListModel::NUM_COLUMNS; ++c)
        m_marketView->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_search = new QLineEdit(central);
    m_search->setPlaceholderText(tr("Search markets…"));
    m_search->setClearButtonEnabled(true);
    auto *searchDebounce = new QTimer(this);
    searchDebounce->setSingleShot(true);
    searchDebounce->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, searchDebounce, qOverload<>(&QTimer::start));
    connect(searchDebounce, &QTimer::timeout, this, [this] { m_marketProxy->setFilterFixedString(m_search->text()); });
    connect(m_marketView, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { watchMarketRow(m_marketProxy->mapToSource(index).row()); });
    auto *watchButton = new QPushButton(tr("Watch"), central);
    connect(watchButton, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_marketView->currentIndex();
        if (index.isValid())
            watchMarketRow(m_marketProxy->mapToSource(index).row());
    });
    auto *browserTools = new QWidget(central);
    auto *tools = new QHBoxLayout(browserTools);
    tools->setContentsMargins(0, 0, 0, 0);
    tools->addWidget(m_search, 1);
    tools->addWidget(watchButton);
    QWidget *browser = titled(tr("Markets — most active first (double-click to watch)"), m_marketView, browserTools);

    // Right: watched outcomes, then ladder and tape.
    m_watch = new WatchTableModel(this);
    m_watchView = makeTable(central);
    m_watchView->setObjectName(QStringLiteral("watchView"));
    m_watchView->setModel(m_watch);
    m_watchView->horizontalHeader()->setSectionResizeMode(WatchTableModel::Market, QHeaderView::Stretch);
    for (int c = WatchTableModel::Bid; c < WatchTableModel::NUM_COLUMNS; ++c)
        m_watchView->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_watchView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { selectOutcome(m_watch->assetAt(current.row())); });
    auto *unwatchButton = new QPushButton(tr("Stop watching"), central);
    connect(unwatchButton, &QPushButton::clicked, this, &MainWindow::unwatchSelected);
    auto *watchTools = new QWidget(central);
    auto *wt = new QHBoxLayout(watchTools);
    wt->setContentsMargins(0, 0, 0, 0);
    auto *note = new QLabel(tr("Alert rules and thresholds are not editable in the app yet (no settings dialog)."), watchTools);
    note->setEnabled(false);
    wt->addWidget(note, 1);
    wt->addWidget(unwatchButton);
    QWidget *watched = titled(tr("Watched books"), m_watchView, watchTools);

    m_ladder = new LadderModel(this);
    m_ladderView = makeTable(central);
    m_ladderView->setObjectName(QStringLiteral("ladderView"));
    m_ladderView->setModel(m_ladder);
    m_ladderView->setItemDelegate(new SizeBarDelegate(m_ladderView));
    m_ladderView->setAlternatingRowColors(false);
    m_ladderView->setSelectionMode(QAbstractItemView::NoSelection);
    m_ladderView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_ladderTitle = new QLabel(tr("Select a watched outcome"), central);
    m_ladderTitle->setWordWrap(true);
    QWidget *ladder = titled(tr("Depth ladder"), m_ladderView, m_ladderTitle);

    m_tape = new QListWidget(central);
    m_tape->setUniformItemSizes(true);
    m_tape->setTextElideMode(Qt::ElideRight);
    m_tape->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tape->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Signal log across markets, with filters and Export CSV.
    m_signals = new SignalLogModel(this);
    m_signalProxy = new SignalFilterProxy(this);
    m_signalProxy->setSourceModel(m_signals);
    m_signalProxy->setSortRole(SignalLogModel::SortRole);
    m_signalView = makeTable(central);
    m_signalView->setObjectName(QStringLiteral("signalView"));
    m_signalView->setModel(m_signalProxy);
    m_signalView->setSortingEnabled(true);
    m_signalView->sortByColumn(SignalLogModel::Time, Qt::DescendingOrder);
    m_signalView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_signalView->horizontalHeader()->setSectionResizeMode(SignalLogModel::Market, QHeaderView::Interactive);
    m_signalView->horizontalHeader()->resizeSection(SignalLogModel::Market, 160);
    m_signalView->horizontalHeader()->setStretchLastSection(true);
    auto *typeFilter = new QComboBox(central);
    typeFilter->addItem(tr("All signals"), QString());
    for (int i = 0; i < kSignalTypeCount; ++i)
        typeFilter->addItem(QLatin1String(signalTypeName(SignalType(i))), QLatin1String(signalTypeName(SignalType(i))));
    connect(typeFilter, &QComboBox::currentIndexChanged, this,
            [this, typeFilter] { m_signalProxy->setType(typeFilter->currentData().toString()); });
    auto *minConfidence = new QSpinBox(central);
    minConfidence->setRange(0, 100);
    minConfidence->setPrefix(tr("conf ≥ "));
    connect(minConfidence, &QSpinBox::valueChanged, m_signalProxy, &SignalFilterProxy::setMinConfidence);
    auto *marketFilter = new QLineEdit(central);
    marketFilter->setPlaceholderText(tr("Market…"));
    marketFilter->setClearButtonEnabled(true);
    connect(marketFilter, &QLineEdit::textChanged, m_signalProxy, &SignalFilterProxy::setMarketText);
    auto *exportButton = new QPushButton(tr("Export CSV…"), central);
    connect(exportButton, &QPushButton::clicked, this, &MainWindow::exportSignals);
    auto *signalTools = new QWidget(central);
    auto *st = new QHBoxLayout(signalTools);
    st->setContentsMargins(0, 0, 0, 0);
    st->addWidget(typeFilter);
    st->addWidget(minConfidence);
    st->addWidget(marketFilter, 1);
    st->addWidget(exportButton);
    auto *signalPane = new QWidget(central);
    auto *sp = new QVBoxLayout(signalPane);
    sp->setContentsMargins(4, 4, 4, 4);
    sp->addWidget(signalTools);
    auto *warmupHint = new QLabel(tr("No signals yet: each market needs about 10 minutes of baseline before "
                                     "its first signal can fire."),
                                  signalPane);
    warmupHint->setWordWrap(true);
    warmupHint->setEnabled(false);
    connect(m_signals, &QAbstractItemModel::rowsInserted, warmupHint, &QWidget::hide);
    sp->addWidget(warmupHint);
    sp->addWidget(m_signalView, 1);

    auto *tabs = new QTabWidget(central);
    tabs->addTab(signalPane, tr("Signals"));
    tabs->addTab(m_tape, tr("Trade tape"));

    auto *bottom = new QSplitter(Qt::Horizontal, central);
    bottom->addWidget(ladder);
    bottom->addWidget(tabs);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);

    m_chart = new PriceChartView(central);
    m_chart->setObjectName(QStringLiteral("priceChart"));
    m_chart->setMinimumHeight(180);

    m_rightSplitter = new QSplitter(Qt::Vertical, central);
    m_rightSplitter->addWidget(watched);
    m_rightSplitter->addWidget(m_chart);
    m_rightSplitter->addWidget(bottom);
    m_rightSplitter->setStretchFactor(0, 2);
    m_rightSplitter->setStretchFactor(1, 3);
    m_rightSplitter->setStretchFactor(2, 4);
    m_rightSplitter->setSizes({245, 210, 365});

    m_mainSplitter = new QSplitter(Qt::Horizontal, central);
    m_mainSplitter->addWidget(browser);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 2);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setSizes({560, 800});
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);

    m_connectionLabel = new QLabel(tr("connecting…"), this);
    m_rateLabel = new QLabel(this);
    m_watchedLabel = new QLabel(this);
    m_dbLabel = new QLabel(this);
    m_simBadge = new QLabel(tr(" SIMULATED "), this);
    m_simBadge->setStyleSheet(QStringLiteral("background:#e0a100;color:black;font-weight:bold;border-radius:3px;"));
    m_simBadge->hide();
    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addWidget(m_rateLabel);
    statusBar()->addWidget(m_watchedLabel);
    statusBar()->addWidget(m_dbLabel);
    statusBar()->addPermanentWidget(m_simBadge);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("polymon"));
        m_tray->show();
    }

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_mainSplitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_rightSplitter->restoreState(settings.value(QStringLiteral("window/rightSplitter")).toByteArray());

    connect(service, &MonitorService::modeChanged, this, &MainWindow::onModeChanged);
    connect(service, &MonitorService::catalogReady, this, &MainWindow::onCatalog);
    connect(service, &MonitorService::snapshotsReady, this, &MainWindow::onSnapshots);
    connect(service, &MonitorService::tradeReceived, this, &MainWindow::onTrade);
    connect(service, &MonitorService::signalFired, this, &MainWindow::onSignal);
    connect(service, &MonitorService::outcomeResolved, m_signals, &SignalLogModel::resolve);
    connect(service, &MonitorService::exportFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(message, 8000);
        else
            QMessageBox::warning(this, tr("Export CSV"), message);
    });
    connect(service, &MonitorService::connectionStateChanged, this, &MainWindow::onConnectionState);
}

MainWindow::~MainWindow() = default;

int MainWindow::watchedOutcomes() const
{
    return m_watch->rowCount();
}

QString MainWindow::settingsGroup() const
{
    return m_simulated ? QStringLiteral("watchlist/simulated") : QStringLiteral("watchlist/live");
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::onModeChanged(bool simulated, const QString &reason)
{
    m_simulated = simulated;
    if (simulated) {
        setWindowTitle(tr("polymon — SIMULATED exchange"));
        m_banner->setText(tr("<b>SIMULATED exchange</b> — %1. Markets, prices and trades are generated locally "
                             "and are not real. Start with network access for live Polymarket.")
                              .arg(reason.toHtmlEscaped()));
        m_banner->setStyleSheet(QStringLiteral("background:#fff3cd;color:#5c4400;border-bottom:1px solid #e0a100;"));
        m_banner->show();
        m_simBadge->show();
    } else {
        setWindowTitle(tr("polymon — live Polymarket"));
        m_banner->hide();
        m_simBadge->hide();
    }
}

void MainWindow::onCatalog(const QList<MarketInfo> &markets)
{
    m_markets->setMarkets(markets);
    m_marketView->sortByColumn(MarketListModel::Volume24h, Qt::DescendingOrder);
    QSettings settings;
    const bool firstStart = !settings.contains(settingsGroup());
    const QStringList saved = settings.value(settingsGroup()).toStringList();
    for (int row = 0; row < m_markets->marketCount(); ++row) {
        const MarketInfo &m = m_markets->market(row);
        if (saved.contains(m.conditionId))
            watchMarket(m);
    }
    if (firstStart) {
        // Something to look at on first start: the three most active markets.
        for (int i = 0; i < 3 && i < m_marketProxy->rowCount(); ++i)
            watchMarketRow(m_marketProxy->mapToSource(m_marketProxy->index(i, 0)).row());
    }
    if (m_watch->rowCount() > 0)
        m_watchView->selectRow(0);
}

void MainWindow::watchMarketRow(int row)
{
    if (row >= 0 && row < m_markets->marketCount())
        watchMarket(m_markets->market(row));
}

void MainWindow::watchMarket(const MarketInfo &market)
{
    if (m_watchedMarkets.contains(market.conditionId) || market.tokenIds.isEmpty())
        return;
    m_watchedMarkets.insert(market.conditionId, market);
    for (int i = 0; i < market.tokenIds.size(); ++i) {
        const QString outcome = market.outcomes.value(i, QStringLiteral("#%1").arg(i + 1));
        const QString label = QStringLiteral("%1 · %2").arg(outcome, market.question);
        m_watch->addAsset(market.tokenIds[i], label);
        m_signals->setLabel(market.tokenIds[i], label);
    }
    const QStringList tokens = market.tokenIds;
    QMetaObject::invokeMethod(m_service, [service = m_service, tokens] { service->watch(tokens); }, Qt::QueuedConnection);
    m_markets->setWatched(QSet<QString>(m_watchedMarkets.keyBegin(), m_watchedMarkets.keyEnd()));
    saveWatchlist();
}

void MainWindow::unwatchSelected()
{
    const QString asset = m_watch->assetAt(m_watchView->currentIndex().row());
    for (auto it = m_watchedMarkets.begin(); it != m_watchedMarkets.end(); ++it) {
        if (!it->tokenIds.contains(asset))
            continue;
        const QStringList tokens = it->tokenIds;
        for (const QString &t : tokens)
            m_watch->removeAsset(t);
        m_watchedMarkets.erase(it);
        QMetaObject::invokeMethod(m_service, [service = m_service, tokens] { service->unwatch(tokens); },
                                  Qt::QueuedConnection);
        break;
    }
    m_markets->setWatched(QSet<QString>(m_watchedMarkets.keyBegin(), m_watchedMarkets.keyEnd()));
    saveWatchlist();
}

void MainWindow::saveWatchlist() const
{
    QSettings settings;
    settings.setValue(settingsGroup(), QStringList(m_watchedMarkets.keyBegin(), m_watchedMarkets.keyEnd()));
}

void MainWindow::selectOutcome(const QString &assetId)
{
    m_ladderAsset = assetId;
    m_ladder->clear();
    m_ladderTitle->setText(assetId.isEmpty() ? tr("Select a watched outcome") : m_watch->labelOf(assetId));
    m_chart->showAsset(assetId, m_watch->labelOf(assetId));
    QMetaObject::invokeMethod(m_service, [service = m_service, assetId] { service->setLadderAsset(assetId); },
                              Qt::QueuedConnection);
}

void MainWindow::onSnapshots(const QList<TopSnapshot> &tops, const FeedStatus &status)
{
    m_watch->applySnapshots(tops);
    for (const TopSnapshot &t : tops) {
        if (t.state == SyncState::Synced && t.metrics.twoSided())
            m_chart->addPoint(t.assetId, t.lastUpdateMs, t.metrics.bestBid, t.metrics.bestAsk);
        if (t.assetId == m_ladderAsset && (!t.bids.isEmpty() || !t.asks.isEmpty())) {
            const int rowsBefore = m_ladder->rowCount();
            m_ladder->setLevels(t.bids, t.asks);
            // Keep the spread in view when the ladder's shape changes.
            if (m_ladder->rowCount() != rowsBefore && m_ladder->bestAskRow() >= 0)
                m_ladderView->scrollTo(m_ladder->index(m_ladder->bestAskRow(), LadderModel::Price),
                                       QAbstractItemView::PositionAtCenter);
        }
    }
    m_chart->refresh();
    m_rateLabel->setText(tr("%1 msgs/s · latency p50 %2 µs · errors %3 · desyncs %4")
                             .arg(status.framesPerSecond, 0, 'f', 0)
                             .arg(double(status.latencyP50Ns) / 1000.0, 0, 'f', 0)
                             .arg(status.parseErrors)
                             .arg(status.desyncs));
    m_watchedLabel->setText(tr("%n outcome(s) watched · %1 signals", nullptr, status.watched).arg(status.signalsFired));
    if (status.dbPath.isEmpty()) {
        m_dbLabel->setText(tr("not recording"));
    } else if (!status.dbError.isEmpty()) {
        m_dbLabel->setText(tr("database error, %1 rows waiting").arg(status.dbQueued));
        m_dbLabel->setStyleSheet(QStringLiteral("color:#c62828;font-weight:bold;"));
    } else {
        m_dbLabel->setText(tr("db queue %1 · %2 rows written%3")
                               .arg(status.dbQueued)
                               .arg(status.dbWritten)
                               .arg(status.dbDropped ? tr(" · %1 dropped").arg(status.dbDropped) : QString()));
        m_dbLabel->setStyleSheet(QString());
    }
    m_dbLabel->setToolTip(status.dbError.isEmpty() ? status.dbPath : status.dbError);
}

void MainWindow::onTrade(const TradePrint &trade)
{
    const QString label = m_watch->labelOf(trade.assetId);
    const bool buy = trade.side == Side::Buy;
    auto *item = new QListWidgetItem(QStringLiteral("%1 %2 %3 @ %4  %5")
                                         .arg(QDateTime::fromMSecsSinceEpoch(trade.timestampMs).toString(QStringLiteral("HH:mm:ss")),
                                              buy ? QStringLiteral("BUY ") : QStringLiteral("SELL"),
                                              QString::fromStdString(formatFixed(trade.size)).rightJustified(10),
                                              QString::fromStdString(formatFixed(trade.price)).leftJustified(6), label));
    item->setToolTip(label);
    item->setForeground(buy ? QColor(0x1f, 0x9d, 0x55) : QColor(0xd6, 0x45, 0x45));
    m_tape->insertItem(0, item);
    while (m_tape->count() > kTapeLength)
        delete m_tape->takeItem(m_tape->count() - 1);
}

void MainWindow::onSignal(const Signal &signal)
{
    m_signals->addSignal(signal);
    m_chart->addSignal(signal);
    if (signal.confidence >= AlertSettings::minConfidence()) {
        const QString title = tr("%1 → %2 (%3%)")
                                  .arg(QLatin1String(signalTypeName(signal.type)), QLatin1String(signalSideName(signal.side)))
                                  .arg(signal.confidence);
        if (m_tray)
            m_tray->showMessage(title, m_watch->labelOf(QString::fromStdString(signal.assetId)) + QLatin1Char('\n')
                                           + QString::fromStdString(signal.description),
                                QSystemTrayIcon::Information, 8000);
        if (AlertSettings::sound())
            QApplication::beep();
    }
    statusBar()->showMessage(tr("%1 %2 (%3%) on %4")
                                 .arg(QLatin1String(signalTypeName(signal.type)), QLatin1String(signalSideName(signal.side)))
                                 .arg(signal.confidence)
                                 .arg(m_watch->labelOf(QString::fromStdString(signal.assetId))),
                             10000);
}

void MainWindow::exportSignals()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("polymon-signals.csv"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export signals"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QMetaObject::invokeMethod(m_service, [service = m_service, path] { service->exportCsv(path); }, Qt::QueuedConnection);
}

void MainWindow::onConnectionState(int id, const QString &state, const QString &detail)
{
    m_connectionStates.insert(QString::number(id), state);
    QStringList parts;
    for (auto it = m_connectionStates.cbegin(); it != m_connectionStates.cend(); ++it)
        parts << tr("feed %1: %2").arg(it.key(), it.value());
    m_connectionLabel->setText(parts.join(QStringLiteral(" · ")));
    m_connectionLabel->setToolTip(detail);
}

} // namespace polymon
