#include "mainwindow.h"

#include "livetradingcontroller.h"
#include "eventlogmodel.h"
#include "eventlogpane.h"
#include "timelinecontroller.h"
#include "videopane.h"
#include <QCheckBox>
#include "pricechartview.h"
#include "eventpane.h"
#include "dockwidthkeeper.h"
#include "priceformat.h"

#include "appsettings.h"
#include "backtestdialog.h"
#include "eventstudydialog.h"
#include "databaserangedialog.h"
#include "session/rangecapture.h"
#include "marketbrowserpane.h"
#include "positionsmodel.h"
#include "tradingbar.h"
#include "tradingcontroller.h"
#include "tradingpanes.h"
#include "trading/tradingservice.h"
#include "marketlistmodel.h"
#include "marketview.h"
#include "monitor/monitorservice.h"
#include "noticebanner.h"
#include "replaybar.h"
#include "settingsdialog.h"
#include "session/recordingservice.h"
#include "signallogmodel.h"
#include "signallogpane.h"
#include "signalqualitydialog.h"
#include "statusbarpresenter.h"
#include "storage/storagewriter.h"
#include "themes.h"
#include "viewfactory.h"
#include "watchlistpane.h"
#include "watchtablemodel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace polymon {

namespace {

QString outcomeLabel(const MarketInfo &m, int i)
{
    return QStringLiteral("%1 · %2").arg(m.outcomes.value(i, QStringLiteral("#%1").arg(i + 1)), m.question);
}

QString tabTitle(const MarketInfo &m)
{
    return m.question.size() > 30 ? m.question.left(28).trimmed() + QStringLiteral("…") : m.question;
}

template<typename F>
void invoke(MonitorService *service, F &&call)
{
    QMetaObject::invokeMethod(service, std::forward<F>(call), Qt::QueuedConnection);
}

} // namespace

MainWindow::MainWindow(MonitorService *service, QWidget *parent)
    : QMainWindow(parent)
    , m_service(service)
{
    setWindowTitle(tr("polymon — connecting…"));
    resize(1440, 900);
    setDockNestingEnabled(true);

    // Centre: banner over the market tabs (or a hint while none is watched).
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new NoticeBanner(central);
    layout->addWidget(m_banner);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("marketTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    // Titles are shortened by tabTitle(); with many markets the bar scrolls
    // rather than squeezing every title to "Wi…".
    m_tabs->setElideMode(Qt::ElideNone);
    m_tabs->setUsesScrollButtons(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeMarketTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, [this] { saveWatchlist(); });
    auto *empty = new QLabel(tr("<h3>No market watched</h3><p>Double-click a market in the browser, or select it "
                                "and press Watch.<br>Each watched market opens here as a tab with its depth ladder, "
                                "price chart and trade tape.</p>"),
                             central);
    empty->setAlignment(Qt::AlignCenter);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_centre = new QStackedWidget(central);
    m_centre->addWidget(empty);
    m_centre->addWidget(m_tabs);
    layout->addWidget(m_centre, 1);
    setCentralWidget(central);

    m_watchlist = new WatchlistPane(this);
    m_watch = m_watchlist->model();
    connect(m_watchlist, &WatchlistPane::outcomeActivated, this, &MainWindow::showOutcome);
    connect(m_watchlist, &WatchlistPane::unwatchRequested, this, &MainWindow::unwatchAsset);
    m_browser = new MarketBrowserPane(this);
    connect(m_browser, &MarketBrowserPane::watchRequested, this, &MainWindow::watchAndShow);
    connect(m_browser, &MarketBrowserPane::searchRequested, this,
            [this](const QString &text) { invoke(m_service, [s = m_service, text] { s->searchMarkets(text); }); });
    connect(m_browser, &MarketBrowserPane::loadMoreRequested, this,
            [this] { invoke(m_service, [s = m_service] { s->loadMoreMarkets(); }); });
    m_signalLog = new SignalLogPane(this);
    connect(m_signalLog, &SignalLogPane::exportRequested, this, &MainWindow::exportSignals);
    connect(m_signalLog, &SignalLogPane::qualityRequested, this,
            [this] { invoke(m_service, [s = m_service] { s->readSignalQuality(); }); });
    connect(m_signalLog, &SignalLogPane::outcomeActivated, this, &MainWindow::showOutcome);
    QDockWidget *browserDock = addDock(tr("Markets"), QStringLiteral("marketsDock"), m_browser, Qt::LeftDockWidgetArea);
    QDockWidget *watchDock = addDock(tr("Watchlist"), QStringLiteral("watchDock"), m_watchlist, Qt::LeftDockWidgetArea);
    QDockWidget *signalDock = addDock(tr("Signals"), QStringLiteral("signalsDock"), m_signalLog, Qt::BottomDockWidgetArea);
    splitDockWidget(browserDock, watchDock, Qt::Vertical);
    resizeDocks({browserDock}, {520}, Qt::Horizontal);
    new DockWidthKeeper(this, browserDock, 520.0 / 1440.0); // the share of a 1440 px window
    resizeDocks({browserDock, watchDock}, {520, 300}, Qt::Vertical);
    resizeDocks({signalDock}, {200}, Qt::Vertical);
    buildTrading();
    buildEvents();
    buildTimeline();
    buildMenus();

    m_status = new StatusBarPresenter(statusBar());
    m_replayBar = new ReplayBar(this);
    // A row of its own: beside the trading bar it was folded away at 1024 px.
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_replayBar);
    m_replayBar->hide();
    connect(m_replayBar, &ReplayBar::playRequested, this, [this] { invoke(m_service, [s = m_service] { s->replayPlay(); }); });
    connect(m_replayBar, &ReplayBar::pauseRequested, this, [this] { invoke(m_service, [s = m_service] { s->replayPause(); }); });
    connect(m_replayBar, &ReplayBar::stepRequested, this, [this] { invoke(m_service, [s = m_service] { s->replayStep(); }); });
    connect(m_replayBar, &ReplayBar::speedChosen, this,
            [this](double speed) { invoke(m_service, [s = m_service, speed] { s->replaySetSpeed(speed); }); });
    connect(m_replayBar, &ReplayBar::seekRequested, this,
            [this](qint64 ns) { invoke(m_service, [s = m_service, ns] { s->replaySeek(ns); }); });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("polymon"));
        m_tray->show();
    }

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_marketSplitterState = settings.value(QStringLiteral("window/marketSplitter")).toByteArray();

    connect(service, &MonitorService::modeChanged, this, &MainWindow::onModeChanged);
    connect(service, &MonitorService::networkFailed, this, &MainWindow::onNetworkFailed);
    connect(service, &MonitorService::catalogPage, this, &MainWindow::onCatalogPage);
    connect(service, &MonitorService::catalogFailed, this, [this](const QString &error) {
        m_browser->loadMoreFailed();
        statusBar()->showMessage(tr("Could not load more markets: %1").arg(error), 10000);
    });
    connect(service, &MonitorService::catalogRefreshed, m_browser, &MarketBrowserPane::addMarkets);
    connect(service, &MonitorService::searchResults, m_browser, &MarketBrowserPane::showSearchResults);
    connect(service, &MonitorService::searchFailed, m_browser, &MarketBrowserPane::showSearchFailed);
    connect(service, &MonitorService::snapshotsReady, this, &MainWindow::onSnapshots);
    connect(service, &MonitorService::tradesReady, this, &MainWindow::onTrades);
    connect(service, &MonitorService::signalFired, this, &MainWindow::onSignal);
    connect(service, &MonitorService::outcomeResolved, m_signalLog->model(), &SignalLogModel::resolve);
    connect(service, &MonitorService::marketClosed, this, &MainWindow::onMarketClosed);
    connect(service, &MonitorService::historyLoaded, this, [this](const AssetHistory &history) {
        if (MarketView *view = m_assetViews.value(history.assetId))
            view->addHistory(history);
        // The watched markets' recorded signals of the past hour, with their outcomes.
        // (Their id is 0: a live outcome, matched by id, never lands on them.)
        for (const Signal &s : history.signals_)
            m_signalLog->model()->addSignal(s);
    });
    connect(service, &MonitorService::exportFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(message, 8000);
        else
            QMessageBox::warning(this, tr("Export CSV"), message);
    });
    connect(service, &MonitorService::connectionStateChanged, this, &MainWindow::onConnectionState);
    connect(service, &MonitorService::signalQualityReady, this,
            [this](const QJsonObject &quality, int signals, const QString &error) {
                if (!m_quality)
                    m_quality = new SignalQualityDialog(this);
                m_quality->showResult(quality, signals, error);
                m_quality->raise();
            });
    connect(service, &MonitorService::replayOpened, this, &MainWindow::onReplayOpened);
    connect(service, &MonitorService::replayFailed, this,
            [this](const QString &error) {
                statusBar()->clearMessage();
                QMessageBox::warning(this, tr("Replay"), error);
            });
    connect(service, &MonitorService::replayPosition, m_replayBar, &ReplayBar::setPosition);
    connect(service, &MonitorService::replayPosition, m_timeline,
            [this](qint64 ns, bool playing) { m_timeline->onReplayPosition(ns, playing, m_replayBar->speed()); });
    connect(m_banner, &NoticeBanner::primaryClicked, this, [this] {
        if (m_replaying) {
            invoke(m_service, [s = m_service] { s->leaveReplay(); });
            return;
        }
        setWindowTitle(tr("polymon — connecting…"));
        m_banner->showNotice(tr("Connecting to Polymarket…"));
        invoke(m_service, [s = m_service] { s->retryLive(); });
    });
    connect(m_banner, &NoticeBanner::secondaryClicked, this,
            [this] { invoke(m_service, [s = m_service] { s->useSimulated(); }); });
}

MainWindow::~MainWindow() = default;

EventLogPane *MainWindow::eventLog() const
{
    return m_timeline->log();
}

VideoPane *MainWindow::videoPane() const
{
    return m_timeline->video();
}

void MainWindow::buildTrading()
{
    m_tradingBar = new TradingBar(this);
    addToolBar(Qt::TopToolBarArea, m_tradingBar);
    m_trading = new TradingController(m_service->trading(), this, m_tradingBar);
    m_trading->setLabeler([this](const QString &asset) {
        const QString label = m_watch->labelOf(asset);
        return label.isEmpty() ? asset.left(10) + QStringLiteral("…") : label;
    });
    m_trading->setCurrentAsset([this] {
        MarketView *view = currentMarketView();
        return view ? view->currentAsset() : QString();
    });
    m_trading->positions()->setOutcomeOf([this](const QString &asset) {
        const MarketView *view = m_assetViews.value(asset);
        return view ? PositionsModel::OutcomeRef{view->market().conditionId, int(view->market().tokenIds.indexOf(asset))}
                    : PositionsModel::OutcomeRef{};
    });
    connect(m_service, &MonitorService::snapshotsReady, m_trading,
            [this](const QList<TopSnapshot> &tops) { m_trading->onSnapshots(tops); });
    connect(m_trading, &TradingController::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    statusBar()->addPermanentWidget(m_trading->pnlLabel());
    m_trading->setFeeNote([this](const OrderRequest &request) {
        const MarketView *view = m_assetViews.value(request.assetId);
        if (m_simulated)
            return tr("The simulated exchange charges no fee.");
        if (view && !view->market().feesEnabled)
            return tr("This market charges no taker fee.");
        return tr("This market charges a taker fee, set by the exchange when the order matches (polymon does not read "
                  "its rate yet; paper orders assume none).");
    });
    m_live = new LiveTradingController(m_service, m_tradingBar, this);
    m_live->setTestMarket([this] {
        const MarketView *view = currentMarketView();
        return view ? view->market() : MarketInfo{};
    });
    connect(m_live, &LiveTradingController::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });

    QDockWidget *signalDock = findChild<QDockWidget *>(QStringLiteral("signalsDock"));
    QDockWidget *orders = addDock(tr("Orders"), QStringLiteral("ordersDock"), TradingPanes::orders(m_trading, this),
                                  Qt::BottomDockWidgetArea);
    QDockWidget *positions = addDock(tr("Positions"), QStringLiteral("positionsDock"),
                                     TradingPanes::positions(m_trading, this), Qt::BottomDockWidgetArea);
    QDockWidget *fills = addDock(tr("Fills"), QStringLiteral("fillsDock"), TradingPanes::fills(m_trading, this),
                                 Qt::BottomDockWidgetArea);
    for (QDockWidget *dock : {orders, positions, fills})
        tabifyDockWidget(signalDock, dock);
    signalDock->raise();
    applyTradingSettings();
}

void MainWindow::buildTimeline()
{
    m_timeline = new TimelineController(m_service, this);
    m_timeline->setLabeler([this](const MarketEvent &e) {
        const MarketView *view = !e.assetId.isEmpty() ? m_assetViews.value(e.assetId) : m_views.value(e.market);
        return view ? view->market().question : QString();
    });
    m_timeline->setViews([this] { return m_views.values(); });
    m_timeline->setCurrentMarket([this] {
        const MarketView *view = currentMarketView();
        return view ? view->market() : MarketInfo{};
    });
    connect(m_timeline, &TimelineController::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    QDockWidget *signalDock = findChild<QDockWidget *>(QStringLiteral("signalsDock"));
    QDockWidget *dock = addDock(tr("Timeline"), QStringLiteral("timelineDock"), m_timeline->log(), Qt::BottomDockWidgetArea);
    tabifyDockWidget(signalDock, dock);
    signalDock->raise();
    // The video shares the left column with the market list (no room beside
    // the books at 1024 px); drag it out to float it on a second screen.
    QDockWidget *markets = findChild<QDockWidget *>(QStringLiteral("marketsDock"));
    QDockWidget *video = addDock(tr("Video"), QStringLiteral("videoDock"), m_timeline->video(), Qt::LeftDockWidgetArea);
    tabifyDockWidget(markets, video);
    markets->raise();
    // View ▸ Video brings it in front of the market list.
    connect(video->toggleViewAction(), &QAction::triggered, video, [video](bool on) {
        if (on)
            video->raise();
    });
}

void MainWindow::buildEvents()
{
    m_eventPane = new EventPane(this);
    QDockWidget *signalDock = findChild<QDockWidget *>(QStringLiteral("signalsDock"));
    QDockWidget *dock = addDock(tr("Event"), QStringLiteral("eventDock"), m_eventPane, Qt::BottomDockWidgetArea);
    tabifyDockWidget(signalDock, dock);
    signalDock->raise();
    connect(m_eventPane, &EventPane::marketActivated, this, &MainWindow::watchAndShow);
    connect(m_service, &MonitorService::eventLoaded, this, [this, dock](const QString &, const QList<MarketInfo> &markets) {
        for (const MarketInfo &m : markets)
            watchMarket(m, false);
        m_eventPane->setEvent(markets.value(0).eventTitle, markets);
        dock->show();
        dock->raise();
    });
    connect(m_service, &MonitorService::eventFailed, this, [this](const QString &error) {
        m_eventPane->setWaiting(tr("The event could not be loaded: %1").arg(error));
        statusBar()->showMessage(tr("Event: %1").arg(error), 8000);
    });
}

void MainWindow::openEvent(const QString &eventId)
{
    m_eventPane->setWaiting(tr("Loading every outcome of the event…"));
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("eventDock"))) {
        dock->show();
        dock->raise();
    }
    invoke(m_service, [s = m_service, eventId] { s->fetchEvent(eventId); });
}

void MainWindow::applyTradingSettings()
{
    TradingService *trading = m_service->trading();
    QMetaObject::invokeMethod(
        trading,
        [trading, limits = AppSettings::riskLimits(), cash = AppSettings::paperStartingCash()] {
            trading->setLimits(limits);
            trading->setStartingCash(cash);
        },
        Qt::QueuedConnection);
}

QLabel *MainWindow::simulatedBadge() const
{
    return m_status->simulatedBadge();
}

QLabel *MainWindow::replayBadge() const
{
    return m_status->replayBadge();
}

QDockWidget *MainWindow::addDock(const QString &title, const QString &name, QWidget *body, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name); // saveState needs it
    dock->setWidget(body);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openRecording = file->addAction(tr("&Open recording…"), this, &MainWindow::openRecording);
    openRecording->setShortcut(QKeySequence::Open);
    file->addAction(tr("&Replay from the database…"), this, &MainWindow::openDatabaseRange);
    QAction *exportAction = file->addAction(tr("&Export signals to CSV…"), this, &MainWindow::exportSignals);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *settingsAction = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settingsAction->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QAction *closeTab = view->addAction(tr("Close market tab (keeps watching)"), this, [this] { closeMarketTab(m_tabs->currentIndex()); });
    closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    QAction *next = view->addAction(tr("Next market"), this, [this] {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    });
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Tab));

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    QAction *backtest = toolsMenu->addAction(tr("&Backtest on a recording…"), this, &MainWindow::openBacktest);
    backtest->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    toolsMenu->addAction(tr("&Event study on a recording…"), this, &MainWindow::openEventStudy);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Keyboard shortcuts"), this, [this] {
        QMessageBox::information(this, tr("Keyboard shortcuts"),
                                 tr("<table>"
                                    "<tr><td><b>C</b></td><td>recentre the depth ladder on the spread</td></tr>"
                                    "<tr><td><b>Ctrl+1 / Ctrl+2</b></td><td>show the first / second outcome</td></tr>"
                                    "<tr><td><b>Ctrl+Tab</b></td><td>next market tab</td></tr>"
                                    "<tr><td><b>Ctrl+W</b></td><td>close this tab (the market stays watched; the "
                                    "Watchlist's Stop watching removes it)</td></tr>"
                                    "<tr><td><b>Ctrl+E</b></td><td>export signals to CSV</td></tr>"
                                    "<tr><td><b>Ctrl+O</b></td><td>open a recording (replay)</td></tr>"
                                    "<tr><td><b>Ctrl+B</b></td><td>backtest on a recording</td></tr>"
                                    "<tr><td><b>Ctrl+,</b></td><td>settings</td></tr>"
                                    "<tr><td colspan=2><br><b>Paper trading</b> (once unlocked in the toolbar)</td></tr>"
                                    "<tr><td>Ladder click</td><td>bid column: buy limit at that price; ask column: sell "
                                    "limit; drag your order to move it, right-click it to cancel</td></tr>"
                                    "<tr><td><b>Ctrl+Shift+B / S</b></td><td>buy at the best ask / sell at the best bid "
                                    "(fill and kill)</td></tr>"
                                    "<tr><td><b>Ctrl+Shift+J / A</b></td><td>join the best bid / the best ask</td></tr>"
                                    "<tr><td><b>Ctrl+Shift+C</b></td><td>cancel all orders</td></tr>"
                                    "<tr><td><b>Ctrl+Shift+F</b></td><td>flatten the shown outcome</td></tr>"
                                    "<tr><td><b>F12</b></td><td>kill switch: cancel all and lock (its menu: also "
                                    "flatten)</td></tr>"
                                    "<tr><td>Chart</td><td>drag or wheel to zoom, Shift+drag or arrows to pan, "
                                    "right-click or Home to follow live</td></tr></table>"));
    });
    help->addAction(tr("About polymon"), this, [this] {
        QMessageBox::about(this, tr("About polymon"),
                           tr("<b>polymon %1</b><p>Order-book monitor for Polymarket: exact books from the CLOB "
                              "WebSocket, order-book psychology signals and their outcomes.</p>"
                              "<p>Signals are heuristics, not advice.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

int MainWindow::watchedOutcomes() const
{
    return m_watch->rowCount();
}

MarketView *MainWindow::currentMarketView() const
{
    return qobject_cast<MarketView *>(m_tabs->currentWidget());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (MarketView *v = currentMarketView())
        settings.setValue(QStringLiteral("window/marketSplitter"), v->splitter()->saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::openRecording()
{
    const QString dir = RecordingService::captureDirFor(
        AppSettings::databasePath().isEmpty() ? StorageWriter::defaultPath() : AppSettings::databasePath());
    const QString path = QFileDialog::getOpenFileName(this, tr("Open recording"), dir,
                                                      tr("polymon recordings (*.pmcap);;All files (*)"));
    if (!path.isEmpty())
        invoke(m_service, [s = m_service, path] { s->openRecording(path); });
}

void MainWindow::openDatabaseRange()
{
    DatabaseRangeDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    statusBar()->showMessage(tr("Reading the database…"));
    invoke(m_service, [s = m_service, from = dialog.fromMs(), to = dialog.toMs()] { s->openDatabaseRange(from, to); });
}

void MainWindow::openBacktest()
{
    if (!m_backtest) {
        const QString dir = RecordingService::captureDirFor(
            AppSettings::databasePath().isEmpty() ? StorageWriter::defaultPath() : AppSettings::databasePath());
        m_backtest = new BacktestDialog(dir, this);
    }
    if (m_replaying && !m_replayPath.isEmpty() && !m_backtest->running())
        m_backtest->setRecording(m_replayPath); // the recording on screen
    m_backtest->show();
    m_backtest->raise();
    m_backtest->activateWindow();
}

void MainWindow::openEventStudy()
{
    if (!m_study)
        m_study = new EventStudyDialog(RecordingService::captureDirFor(AppSettings::databasePath().isEmpty()
                                                                           ? StorageWriter::defaultPath()
                                                                           : AppSettings::databasePath()),
                                       this);
    if (!m_study->running()) {
        if (m_replaying && !m_replayPath.isEmpty())
            m_study->setRecording(m_replayPath); // the recording on screen
        m_study->setEvents(m_timeline->log()->model()->events());
    }
    m_study->show();
    m_study->raise();
    m_study->activateWindow();
}

void MainWindow::onReplayOpened(const QString &path, qint64 startNs, qint64 endNs, const QList<MarketInfo> &markets,
                                const QList<CoverageGapNote> &gaps)
{
    clearMarkets();
    m_replayPath = path;
    m_simulated = false;
    m_replaying = true;
    m_timeline->setReplaying(true);
    const QString name = QFileInfo(path).fileName();
    setWindowTitle(tr("polymon — REPLAY of %1").arg(name));
    statusBar()->clearMessage();
    const QString recorded = QDateTime::fromMSecsSinceEpoch(startNs / 1'000'000).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const QString gapText = QString::fromStdString(CoverageGapTally::of(gaps).describe());
    if (name.startsWith(QLatin1String(RangeCapture::kFilePrefix)))
        m_banner->showNotice(tr("<b>REPLAY</b> of the database from %1: books from the stored snapshots (two a second at "
                                "most, 20 levels a side) and trades, coarser than a recording; signals with the current "
                                "settings.%2")
                                 .arg(recorded, gapText.isEmpty() ? QString()
                                                 : QStringLiteral(" <b>Gaps</b> (shaded on the timeline): ")
                                                       + gapText.toHtmlEscaped() + QLatin1Char('.')),
                             tr("Close the replay"));
    else
        m_banner->showNotice(tr("<b>REPLAY</b> of %1, recorded %2. Books, trades and signals are rebuilt from the recorded "
                                "frames with the current settings (baselines start empty).")
                                 .arg(name.toHtmlEscaped(), recorded),
                             tr("Close the recording"));
    m_status->setMode(StatusBarPresenter::Mode::Replay, name);
    m_replayBar->setRange(startNs, endNs);
    m_replayBar->setGaps(gaps);
    m_signalLog->setHint(tr("Replay: signals are recomputed from the recorded frames with the current settings. Baselines "
                             "start empty, so the first signals come after %1 minutes of recorded time.")
                              .arg(AppSettings::signalSettings().minWarmupMinutes));
    m_replayBar->show();
    m_browser->showRecorded(markets);
    for (const MarketInfo &m : markets)
        watchMarket(m);
    if (m_tabs->count() > 0)
        m_tabs->setCurrentIndex(0);
}

void MainWindow::onModeChanged(bool simulated, const QString &reason)
{
    // The service starts afresh on every mode change: so do the views, and
    // the mode's watchlist is restored with its first catalog page.
    clearMarkets();
    m_simulated = simulated;
    leaveReplayView();
    m_browser->setSimulated(simulated);
    const SignalSettings detector = AppSettings::signalSettings();
    const QString outcomes = tr("Outcome columns fill in %1 minutes after a signal; double-click a signal to open its market.")
                                 .arg(detector.horizonMs / 60'000);
    m_signalLog->setHint(simulated ? tr("Simulator: baselines are learned from %1 minutes of simulated past, and a scripted "
                                         "panic, FOMO, vacuum or pull hits a watched market every 3 minutes. %2")
                                          .arg(detector.fullWarmupMinutes)
                                          .arg(outcomes)
                                    : tr("Each market needs %1 minutes of baseline before its first signal (less when the "
                                         "database holds its last hour). %2")
                                          .arg(detector.minWarmupMinutes)
                                          .arg(outcomes));
    // The simulator's game is followed by default; Polymarket's channel when the user asks.
    m_timeline->setMode(simulated);
    if (simulated) {
        setWindowTitle(tr("polymon — SIMULATED exchange"));
        m_banner->showNotice(tr("<b>SIMULATED exchange</b> — %1. Markets, prices and trades are generated locally "
                                "and are not real.")
                                 .arg(reason.toHtmlEscaped()),
                             tr("Try live Polymarket"));
        m_status->setMode(StatusBarPresenter::Mode::Simulated);
    } else {
        setWindowTitle(tr("polymon — live Polymarket"));
        m_banner->hide();
        m_status->setMode(StatusBarPresenter::Mode::Live);
        AppSettings::setEverLive();
    }
}

void MainWindow::leaveReplayView()
{
    m_replaying = false;
    m_timeline->setReplaying(false);
    m_replayBar->hide();
}

void MainWindow::onNetworkFailed(const QString &error)
{
    clearMarkets(); // whatever was shown is no longer fed
    leaveReplayView();
    m_status->setMode(StatusBarPresenter::Mode::Offline);
    setWindowTitle(tr("polymon — offline"));
    m_browser->showUnreachable();
    m_banner->showNotice(tr("<b>Cannot reach Polymarket</b> — %1.<br>Check the network and retry, or use the "
                            "SIMULATED exchange (generated data, clearly marked).")
                             .arg(error.toHtmlEscaped()),
                         tr("Retry"), tr("Use SIMULATED exchange"));
}

void MainWindow::clearMarkets()
{
    while (m_tabs->count() > 0) {
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        w->deleteLater();
    }
    for (MarketView *v : std::as_const(m_views)) {
        for (const QString &t : v->market().tokenIds)
            m_watch->removeAsset(t);
    }
    m_views.clear();
    m_assetViews.clear();
    m_browser->clear();
    m_restored = false;
    m_centre->setCurrentIndex(0);
}

void MainWindow::onCatalogPage(const QList<MarketInfo> &markets, bool first, bool hasMore)
{
    m_browser->showPage(markets, first, hasMore);
    if (!first || m_restored)
        return;
    m_restored = true;
    const bool firstStart = !AppSettings::hasWatchlist(m_simulated);
    for (const MarketInfo &m : AppSettings::watchlist(m_simulated))
        watchMarket(m);
    if (firstStart) {
        // Something to look at on first start: the three most active markets.
        for (const MarketInfo &m : m_browser->topMarkets(3))
            watchMarket(m);
    }
    if (m_tabs->count() > 0)
        m_tabs->setCurrentIndex(0);
}

MarketListModel *MainWindow::marketList() const
{
    return m_browser->model();
}

void MainWindow::watchMarketRow(int row)
{
    MarketListModel *markets = m_browser->model();
    if (row >= 0 && row < markets->marketCount())
        watchAndShow(markets->market(row));
}

void MainWindow::watchAndShow(const MarketInfo &market)
{
    // What the user just chose comes to the front (restoring a watchlist does not).
    watchMarket(market);
    if (MarketView *view = m_views.value(market.conditionId))
        m_tabs->setCurrentWidget(view);
}

void MainWindow::watchMarket(const MarketInfo &market, bool withTab)
{
    if (market.tokenIds.isEmpty())
        return;
    if (MarketView *existing = m_views.value(market.conditionId)) {
        if (withTab)
            showTab(existing);
        return;
    }
    auto *view = new MarketView(market, m_tabs);
    if (!m_marketSplitterState.isEmpty())
        view->splitter()->restoreState(m_marketSplitterState);
    m_views.insert(market.conditionId, view);
    for (int i = 0; i < market.tokenIds.size(); ++i) {
        const QString label = outcomeLabel(market, i);
        m_assetViews.insert(market.tokenIds[i], view);
        m_watch->addAsset(market.tokenIds[i], label);
        m_signalLog->model()->setLabel(market.tokenIds[i], label);
    }
    if (market.tokenIds.size() == 2)
        m_signalLog->model()->setTwins(market.tokenIds[0], market.tokenIds[1],
                                       tr("%1/%2 · %3")
                                           .arg(market.outcomes.value(0, tr("Yes")), market.outcomes.value(1, tr("No")),
                                                market.question));
    m_trading->attachView(view);
    m_timeline->apply(view);
    // The side last shown for this market comes back, and is remembered.
    view->setOutcome(AppSettings::shownOutcome(market.conditionId));
    connect(view, &MarketView::currentAssetChanged, this, [this, view] {
        if (!m_replaying)
            AppSettings::setShownOutcome(view->market().conditionId, view->currentOutcome());
    });
    connect(view, &MarketView::eventRequested, this, &MainWindow::openEvent);
    if (withTab) {
        const int index = m_tabs->addTab(view, tabTitle(market));
        m_tabs->setTabToolTip(index, market.question);
        m_centre->setCurrentIndex(1);
    } else {
        view->hide();
    }
    invoke(m_service, [s = m_service, market] { s->watch(market); });
    updateWatchedMarks();
    saveWatchlist();
}

void MainWindow::closeMarketTab(int index)
{
    // Closing a tab only hides it: the market stays watched (and in the
    // watchlist, where a click brings the tab back). Stop watching is its own action.
    auto *view = qobject_cast<MarketView *>(m_tabs->widget(index));
    if (!view)
        return;
    m_tabs->removeTab(index);
    view->hide();
    if (m_tabs->count() == 0)
        m_centre->setCurrentIndex(0);
    statusBar()->showMessage(tr("Tab closed; %1 is still watched (Watchlist brings it back, Stop watching removes it).")
                                 .arg(tabTitle(view->market())),
                             8000);
    saveWatchlist();
}

void MainWindow::showTab(MarketView *view)
{
    if (m_tabs->indexOf(view) < 0) {
        const int index = m_tabs->addTab(view, tabTitle(view->market()));
        m_tabs->setTabToolTip(index, view->market().question);
        m_centre->setCurrentIndex(1);
    }
    m_tabs->setCurrentWidget(view);
}

void MainWindow::stopWatching(MarketView *view)
{
    const MarketInfo market = view->market();
    const bool wasClosed = view->isClosed();
    if (const int index = m_tabs->indexOf(view); index >= 0)
        m_tabs->removeTab(index);
    m_views.remove(market.conditionId);
    for (const QString &t : market.tokenIds) {
        m_assetViews.remove(t);
        m_watch->removeAsset(t);
    }
    view->deleteLater();
    if (!wasClosed)
        invoke(m_service, [s = m_service, id = market.conditionId] { s->unwatch(id); });
    if (m_tabs->count() == 0)
        m_centre->setCurrentIndex(0);
    updateWatchedMarks();
    saveWatchlist();
    if (wasClosed)
        return;
    // Undo for a few seconds: watch it again as it was.
    auto *undo = new QPushButton(tr("Undo"), statusBar());
    undo->setObjectName(QStringLiteral("undoStopWatching"));
    statusBar()->showMessage(tr("Stopped watching %1.").arg(tabTitle(market)), 10000);
    statusBar()->addWidget(undo);
    connect(undo, &QPushButton::clicked, this, [this, undo, market] {
        undo->deleteLater();
        statusBar()->clearMessage();
        watchAndShow(market);
    });
    QTimer::singleShot(10000, undo, &QObject::deleteLater);
}

void MainWindow::unwatchAsset(const QString &assetId)
{
    if (MarketView *view = m_assetViews.value(assetId))
        stopWatching(view);
}

void MainWindow::updateWatchedMarks()
{
    QSet<QString> ids;
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it)
        ids.insert(it.key());
    m_browser->setWatched(ids);
}

void MainWindow::saveWatchlist() const
{
    if (m_replaying)
        return; // a recording's markets are not the user's watchlist
    // Tab order is the saved order, then markets whose tab is hidden;
    // resolved and closed markets are not restored.
    QList<MarketInfo> markets;
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *view = qobject_cast<MarketView *>(m_tabs->widget(i));
        if (view && !view->isClosed())
            markets << view->market();
    }
    for (MarketView *view : m_views) {
        if (m_tabs->indexOf(view) < 0 && !view->isClosed())
            markets << view->market();
    }
    AppSettings::setWatchlist(m_simulated, markets);
}

void MainWindow::showOutcome(const QString &assetId)
{
    MarketView *view = m_assetViews.value(assetId);
    if (!view)
        return;
    showTab(view);
    view->setOutcome(int(view->market().tokenIds.indexOf(assetId)));
}

void MainWindow::onCurrentTabChanged()
{
    MarketView *view = currentMarketView();
    const QStringList assets = view ? view->market().tokenIds : QStringList();
    invoke(m_service, [s = m_service, assets] { s->setLadderAssets(assets); });
    if (view)
        view->refresh();
}

void MainWindow::onSnapshots(const QList<TopSnapshot> &tops, const FeedStatus &status)
{
    m_watch->applySnapshots(tops);
    m_eventPane->applySnapshots(tops);
    for (MarketView *view : std::as_const(m_views))
        view->setClock(status.clockMs);
    for (const TopSnapshot &t : tops) {
        if (MarketView *view = m_assetViews.value(t.assetId))
            view->applySnapshot(t);
    }
    if (MarketView *view = currentMarketView())
        view->refresh();
    m_status->setStatus(status, int(m_views.size()));
}

void MainWindow::onTrades(const QList<TradePrint> &trades)
{
    QHash<MarketView *, QList<TradePrint>> byView;
    for (const TradePrint &t : trades) {
        if (MarketView *view = m_assetViews.value(t.assetId))
            byView[view] << t;
    }
    for (auto it = byView.cbegin(); it != byView.cend(); ++it)
        it.key()->addTrades(it.value());
}

void MainWindow::onSignal(const Signal &signal)
{
    m_signalLog->model()->addSignal(signal);
    const QString asset = QString::fromStdString(signal.assetId);
    if (MarketView *view = m_assetViews.value(asset))
        view->addSignal(signal);
    const QString what = tr("%1 → %2 (%3%)")
                             .arg(QLatin1String(signalTypeName(signal.type)), QLatin1String(signalSideName(signal.side)))
                             .arg(signal.confidence);
    if (signal.confidence >= AppSettings::alertMinConfidence() && AppSettings::alertOn(signal.type)) {
        if (m_tray)
            m_tray->showMessage(what, m_watch->labelOf(asset) + QLatin1Char('\n') + QString::fromStdString(signal.description),
                                QSystemTrayIcon::Information, 8000);
        if (AppSettings::alertSound())
            QApplication::beep();
    }
    statusBar()->showMessage(tr("%1 on %2").arg(what, m_watch->labelOf(asset)), 10000);
}

void MainWindow::onMarketClosed(const QString &conditionId, const QString &reason)
{
    MarketView *view = m_views.value(conditionId);
    if (!view)
        return;
    view->markClosed(reason);
    for (const QString &t : view->market().tokenIds)
        m_watch->setClosed(t, reason);
    const int index = m_tabs->indexOf(view);
    m_tabs->setTabText(index, QStringLiteral("✓ ") + tabTitle(view->market()));
    m_tabs->setTabToolTip(index, view->market().question + QStringLiteral("\n") + reason);
    statusBar()->showMessage(tr("Market %1: %2").arg(reason, view->market().question), 15000);
    saveWatchlist();
}

void MainWindow::exportSignals()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("polymon-signals.csv"));
    // With filters set in the log, ask which: the export never drops them silently.
    SignalCsv::Filter filter;
    if (m_signalLog->filter().narrowed()) {
        QMessageBox ask(QMessageBox::Question, tr("Export signals"),
                        tr("The signal log is filtered (%n signal(s) shown). Export every recorded signal, or those "
                           "matching the filters (type, confidence, market text) from the whole recorded history?",
                           nullptr, m_signalLog->shownRows()),
                        QMessageBox::Cancel, this);
        QPushButton *all = ask.addButton(tr("All signals"), QMessageBox::AcceptRole);
        QPushButton *filtered = ask.addButton(tr("As filtered"), QMessageBox::AcceptRole);
        ask.setDefaultButton(filtered);
        ask.exec();
        if (ask.clickedButton() == filtered)
            filter = m_signalLog->filter();
        else if (ask.clickedButton() != all)
            return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export signals"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    invoke(m_service, [s = m_service, path, filter] { s->exportCsv(path, filter); });
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Themes::apply(AppSettings::theme());
    if (PriceFormat::unit() != AppSettings::priceUnit()) {
        PriceFormat::setUnit(AppSettings::priceUnit());
        // Tables ask their models again; labels, charts and the heatmap at their next update.
        for (QWidget *w : findChildren<QWidget *>())
            w->update();
        for (QAbstractItemView *v : findChildren<QAbstractItemView *>())
            v->viewport()->update();
    }
    invoke(m_service, [s = m_service, settings = dialog.signalSettings()] { s->applySignalSettings(settings); });
    applyTradingSettings();
    if (dialog.databaseChanged())
        statusBar()->showMessage(tr("Settings saved. The database change applies on the next start."), 10000);
    else
        statusBar()->showMessage(tr("Settings saved."), 5000);
}

void MainWindow::onConnectionState(int id, const QString &state, const QString &detail)
{
    m_status->setConnectionState(id, state, detail);
}

} // namespace polymon
