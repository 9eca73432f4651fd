#pragma once

#include "catalog/marketinfo.h"
#include "monitor/marketmonitor.h"
#include "monitor/topsnapshot.h"

#include <QHash>
#include <QMainWindow>
#include <QSet>

class QLabel;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QSplitter;
class QSystemTrayIcon;
class QTableView;

namespace polymon {

class LadderModel;
class PriceChartView;
class SignalFilterProxy;
class SignalLogModel;
class MarketListModel;
class MonitorService;
class WatchTableModel;

// The desktop window: market browser, watched books, depth ladder of the
// selected outcome, trade tape and feed status. All data arrives as values
// from MonitorService in its worker thread; nothing here parses or blocks.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(MonitorService *service, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests and screenshots.
    bool isSimulated() const noexcept { return m_simulated; }
    int watchedOutcomes() const;
    void watchMarketRow(int row);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onModeChanged(bool simulated, const QString &reason);
    void onCatalog(const QList<MarketInfo> &markets);
    void onSnapshots(const QList<TopSnapshot> &tops, const FeedStatus &status);
    void onTrade(const TradePrint &trade);
    void onSignal(const Signal &signal);
    void exportSignals();
    void onConnectionState(int id, const QString &state, const QString &detail);
    void watchMarket(const MarketInfo &market);
    void unwatchSelected();
    void selectOutcome(const QString &assetId);
    void saveWatchlist() const;
    QString settingsGroup() const;

    MonitorService *m_service;
    bool m_simulated = false;
    QLabel *m_banner;
    QLineEdit *m_search;
    MarketListModel *m_markets;
    QSortFilterProxyModel *m_marketProxy;
    QTableView *m_marketView;
    WatchTableModel *m_watch;
    QTableView *m_watchView;
    LadderModel *m_ladder;
    QTableView *m_ladderView;
    QLabel *m_ladderTitle;
    QListWidget *m_tape;
    PriceChartView *m_chart;
    QSystemTrayIcon *m_tray = nullptr;
    SignalLogModel *m_signals;
    SignalFilterProxy *m_signalProxy;
    QTableView *m_signalView;
    QSplitter *m_mainSplitter;
    QSplitter *m_rightSplitter;
    QLabel *m_connectionLabel;
    QLabel *m_rateLabel;
    QLabel *m_watchedLabel;
    QLabel *m_dbLabel;
    QLabel *m_simBadge;
    QHash<QString, MarketInfo> m_watchedMarkets; // by condition id
    QHash<QString, QString> m_connectionStates;
    QString m_ladderAsset;
};

} // namespace polymon
