#pragma once

#include "analysis/signalsettings.h"
#include "capture/coveragegapnote.h"
#include "catalog/marketinfo.h"
#include "monitor/marketmonitor.h"
#include "monitor/topsnapshot.h"

#include <QHash>
#include <QMainWindow>

class QDockWidget;
class QLabel;
class QStackedWidget;
class QSystemTrayIcon;
class QTabWidget;
class QTableView;

namespace polymon {

class BacktestDialog;
class MarketBrowserPane;
class MarketListModel;
class MarketView;
class EventPane;
class EventStudyDialog;
class MonitorService;
class NoticeBanner;
class ReplayBar;
class StatusBarPresenter;
class TradingBar;
class LiveTradingController;
class EventLogPane;
class TimelineController;
class VideoPane;
class TradingController;
class SignalLogPane;
class SignalQualityDialog;
class WatchTableModel;
class WatchlistPane;

// The desktop window: a tab per watched market (ladder, chart, tape), docks
// for the market browser, the watchlist and the signal log, and the status
// bar. All data arrives as values from MonitorService in its worker thread;
// nothing here parses, touches SQLite or blocks.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(MonitorService *service, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests, screenshots and the benchmark.
    bool isSimulated() const noexcept { return m_simulated; }
    int watchedOutcomes() const;
    int watchedMarkets() const { return int(m_views.size()); }
    void watchMarketRow(int row);
    // Watches the market; `withTab` false keeps its tab closed (the
    // watchlist brings it back), as for the outcomes of an event.
    void watchMarket(const MarketInfo &market, bool withTab = true);
    // Watches and brings the market's tab to the front (a user's choice).
    void watchAndShow(const MarketInfo &market);
    MarketView *marketView(const QString &conditionId) const { return m_views.value(conditionId); }
    MarketView *currentMarketView() const;
    EventLogPane *eventLog() const;
    VideoPane *videoPane() const;
    QTabWidget *marketTabs() const noexcept { return m_tabs; }
    NoticeBanner *banner() const noexcept { return m_banner; }
    QLabel *simulatedBadge() const;
    QLabel *replayBadge() const;
    ReplayBar *replayBar() const noexcept { return m_replayBar; }
    bool isReplaying() const noexcept { return m_replaying; }
    MarketListModel *marketList() const;
    TradingController *trading() const noexcept { return m_trading; }
    TradingBar *tradingBar() const noexcept { return m_tradingBar; }
    void openSettings();
    // Tools ▸ Event study: the recording on screen and the Timeline's events.
    void openEventStudy();
    EventStudyDialog *eventStudy() const noexcept { return m_study; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildTrading();
    void buildEvents();
    // The Timeline and Video docks.
    void buildTimeline();
    // Every outcome of the event in the Event dock (all of them watched).
    void openEvent(const QString &eventId);
    void applyTradingSettings();
    QDockWidget *addDock(const QString &title, const QString &name, QWidget *body, Qt::DockWidgetArea area);

    void onModeChanged(bool simulated, const QString &reason);
    void openRecording();
    void openBacktest();
    void openDatabaseRange();
    void leaveReplayView();
    void onReplayOpened(const QString &path, qint64 startNs, qint64 endNs, const QList<MarketInfo> &markets,
                        const QList<CoverageGapNote> &gaps);
    void onNetworkFailed(const QString &error);
    void onCatalogPage(const QList<MarketInfo> &markets, bool first, bool hasMore);
    void onSnapshots(const QList<TopSnapshot> &tops, const FeedStatus &status);
    void onTrades(const QList<TradePrint> &trades);
    void onSignal(const Signal &signal);
    void onMarketClosed(const QString &conditionId, const QString &reason);
    void onConnectionState(int id, const QString &state, const QString &detail);
    void exportSignals();
    void closeMarketTab(int index);
    void showTab(MarketView *view);
    void stopWatching(MarketView *view);
    void unwatchAsset(const QString &assetId);
    void showOutcome(const QString &assetId);
    void onCurrentTabChanged();
    void clearMarkets();
    void saveWatchlist() const;
    void updateWatchedMarks();

    MonitorService *m_service;
    bool m_simulated = false;
    bool m_replaying = false;
    QString m_replayPath; // the recording being replayed
    bool m_restored = false; // watchlist of the current mode restored
    NoticeBanner *m_banner;
    QStackedWidget *m_centre;
    QTabWidget *m_tabs;
    MarketBrowserPane *m_browser;
    WatchTableModel *m_watch;
    WatchlistPane *m_watchlist;
    SignalLogPane *m_signalLog;
    QSystemTrayIcon *m_tray = nullptr;
    ReplayBar *m_replayBar;
    BacktestDialog *m_backtest = nullptr; // made on first use
    EventStudyDialog *m_study = nullptr;  // too
    SignalQualityDialog *m_quality = nullptr; // made on first use
    StatusBarPresenter *m_status;
    TradingBar *m_tradingBar;
    LiveTradingController *m_live = nullptr;
    TimelineController *m_timeline = nullptr;
    TradingController *m_trading;
    EventPane *m_eventPane = nullptr;
    QHash<QString, MarketView *> m_views;      // by condition id
    QHash<QString, MarketView *> m_assetViews; // by token id
    QByteArray m_marketSplitterState; // shared by the market tabs
};

} // namespace polymon
