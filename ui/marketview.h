#pragma once

#include "analysis/signal.h"
#include "catalog/marketinfo.h"
#include "monitor/topsnapshot.h"
#include "book/tradeprint.h"
#include "storage/historyreader.h"
#include "heatmap/depthhistory.h"
#include "book/mergedbook.h"

#include <map>

#include <QHash>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QTabWidget;
class QLabel;
class QSplitter;
class QTableView;

namespace polymon {

class ImbalanceBar;
class LadderModel;
class LadderPane;
class PriceChartView;
class HeatmapPane;
class TradeTapeModel;

// One watched market: header with the shown outcome's top of book, spread in
// cents and bps, depths, imbalance, health and baseline warm-up; a YES/NO
// switch; the depth ladder; the price chart with signal markers; the trade
// tape. Fed by MainWindow from the coalesced snapshots.
class MarketView final : public QWidget
{
    Q_OBJECT
public:
    explicit MarketView(const MarketInfo &market, QWidget *parent = nullptr);
    ~MarketView() override;

    const MarketInfo &market() const noexcept { return m_market; }
    QString currentAsset() const;
    // The outcome shown (0 YES, 1 NO, ...) or kMergedOutcome: both tokens as
    // one book in the first outcome's prices (currentAsset() is then YES).
    static constexpr int kMergedOutcome = -1;
    int currentOutcome() const noexcept { return m_merged ? kMergedOutcome : m_outcome; }
    bool showsMerged() const noexcept { return m_merged; }
    void setOutcome(int index);
    bool owns(const QString &assetId) const { return m_market.tokenIds.contains(assetId); }
    bool isClosed() const noexcept { return m_closed; }

    void applySnapshot(const TopSnapshot &top);
    void addTrades(const QList<TradePrint> &trades); // this market's, oldest first
    void addSignal(const Signal &signal);
    void addHistory(const AssetHistory &history);
    // Redraws the chart if it is on screen and has news.
    // The market clock (FeedStatus::clockMs): charts move with it while quiet.
    void setClock(qint64 ms);
    void refresh();
    // Resolved or closed: shown, and no more updates are expected.
    void markClosed(const QString &reason);
    void recentre();

    LadderModel *ladderModel() const noexcept { return m_ladder; }
    PriceChartView *chart() const noexcept { return m_chart; }
    HeatmapPane *heatmap() const noexcept { return m_heatmap; }
    const DepthHistory *depthHistory(const QString &assetId) const
    {
        const auto it = m_heat.find(assetId);
        return it == m_heat.end() ? nullptr : &it->second;
    }
    QSplitter *splitter() const noexcept { return m_split; }
    QString headerText() const; // the metrics as shown, for tests
    QString pairSumText() const; // YES+NO at the asks and the bids, for tests

Q_SIGNALS:
    void currentAssetChanged(const QString &assetId);
    // The user asked for every outcome of this market's event.
    void eventRequested(const QString &eventId);
    // Ladder clicks on the shown outcome (see LadderTradeInput).
    void ladderOrderRequested(polymon::Side side, qint64 price);
    void ladderCancelRequested(polymon::Side side, qint64 price);
    void ladderMoveRequested(polymon::Side side, qint64 fromPrice, qint64 toPrice);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showHeader(const TopSnapshot &top);
    // Depth of every outcome (and the merged book) for the heatmap.
    void recordDepth(const TopSnapshot &top, int outcome);
    QString heatKey() const;
    // Builds the merged book from both sides' latest levels: its heatmap
    // slice and, in the merged view, the ladder.
    void showMergedBook();
    void showPairSum();
    void styleOutcomeButtons();
    QLabel *addMetric(const QString &caption, int column, QWidget *value = nullptr);

    MarketInfo m_market;
    static constexpr int kMergedButton = 99;
    int m_outcome = 0;
    bool m_merged = false;
    std::pair<QVector<PriceLevel>, QVector<PriceLevel>> m_sides[2]; // the latest bids, asks of YES and NO
    bool m_mergedStale = false; // a side changed since the merged book was last built
    qint64 m_mergedMs = 0;
    Fixed m_mergedTick = 0;
    bool m_closed = false;
    qint64 m_clockMs = 0;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_pairSum;
    BookMetrics m_pairTops[2];
    bool m_pairKnown[2] = {false, false};
    QLabel *m_closedBanner;
    QButtonGroup *m_outcomeButtons;
    QWidget *m_metrics;
    QLabel *m_bid;
    QLabel *m_ask;
    QLabel *m_mid;
    QLabel *m_spread;
    QLabel *m_depth;
    ImbalanceBar *m_imbalance;
    QLabel *m_health;
    QLabel *m_warmup;
    LadderPane *m_ladderPane;
    LadderModel *m_ladder; // m_ladderPane's
    static constexpr qsizetype kRecentTradesKept = 20'000;
    QHash<QString, QList<TradePrint>> m_recentTrades; // by token, for the ladder's Traded column
    PriceChartView *m_chart;
    HeatmapPane *m_heatmap;
    QTabWidget *m_views; // price chart | heatmap
    // Per outcome token and "merged"; std::map keeps addresses stable for the view.
    std::map<QString, DepthHistory> m_heat;
    TradeTapeModel *m_tape;
    QTableView *m_tapeView;
    QSplitter *m_split;
    QSplitter *m_rightSplit;
    QList<QString> m_prices; // last mid per outcome, for the switch labels
    TopSnapshot m_hiddenTop; // the latest top while the tab is hidden
    bool m_hasHiddenTop = false;
};

} // namespace polymon
