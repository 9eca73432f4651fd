#pragma once

#include "catalog/marketinfo.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace polymon {

class MarketListModel;

// The Markets dock's body: the catalog (Gamma's pages, the simulator's, or
// a recording's markets) in a sortable list with a filter, search of all of
// Polymarket on Enter (live), Watch, and Load more.
class MarketBrowserPane final : public QWidget
{
    Q_OBJECT
public:
    explicit MarketBrowserPane(QWidget *parent = nullptr);

    MarketListModel *model() const noexcept { return m_markets; }
    // Live searches Polymarket on Enter; the simulator only filters.
    void setSimulated(bool simulated);
    void showPage(const QList<MarketInfo> &markets, bool first, bool hasMore);
    void showRecorded(const QList<MarketInfo> &markets);
    // New prices and volumes for listed markets (and any new ones).
    void addMarkets(const QList<MarketInfo> &markets);
    void showSearchResults(const QString &text, const QList<MarketInfo> &markets);
    void showSearchFailed(const QString &error);
    void loadMoreFailed();
    void showUnreachable();
    void clear();
    void setWatched(const QSet<QString> &conditionIds);
    // The first `n` markets in the list's order (most active first by default).
    QList<MarketInfo> topMarkets(int n) const;

Q_SIGNALS:
    void watchRequested(const polymon::MarketInfo &market);
    void searchRequested(const QString &text);
    void loadMoreRequested();

private:
    void watchRow(const QModelIndex &proxyIndex);

    bool m_simulated = false;
    MarketListModel *m_markets;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_search;
    QPushButton *m_loadMore;
    QLabel *m_label;
};

} // namespace polymon
