#include "marketbrowserpane.h"

#include "marketlistmodel.h"
#include "viewfactory.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace polymon {

MarketBrowserPane::MarketBrowserPane(QWidget *parent)
    : QWidget(parent)
{
    m_markets = new MarketListModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_markets);
    m_proxy->setSortRole(MarketListModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(MarketListModel::Question);
    m_proxy->setFilterRole(MarketListModel::SearchTextRole);
    m_view = ViewFactory::table(this);
    m_view->setObjectName(QStringLiteral("marketView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(MarketListModel::Volume24h, Qt::DescendingOrder);
    m_view->horizontalHeader()->setSectionResizeMode(MarketListModel::Question, QHeaderView::Stretch);
    for (int c = MarketListModel::YesPrice; c < MarketListModel::NUM_COLUMNS; ++c)
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("marketSearch"));
    m_search->setPlaceholderText(tr("Search markets… (Enter searches all of Polymarket)"));
    m_search->setClearButtonEnabled(true);
    auto *searchDebounce = new QTimer(this);
    searchDebounce->setSingleShot(true);
    searchDebounce->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, searchDebounce, qOverload<>(&QTimer::start));
    connect(searchDebounce, &QTimer::timeout, this, [this] { m_proxy->setFilterFixedString(m_search->text()); });
    // Typing filters what is loaded; Enter also asks Polymarket (live).
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_search->text().trimmed();
        if (m_simulated || text.size() < 2)
            return;
        m_label->setText(tr("Searching Polymarket for “%1”…").arg(text));
        Q_EMIT searchRequested(text);
    });
    connect(m_view, &QTableView::doubleClicked, this, &MarketBrowserPane::watchRow);
    auto *watchButton = new QPushButton(tr("Watch"), this);
    watchButton->setToolTip(tr("Watch the selected market (both outcomes)"));
    connect(watchButton, &QPushButton::clicked, this, [this] {
        watchRow(m_view->currentIndex());
    });
    auto *tools = new QWidget(this);
    auto *tl = new QHBoxLayout(tools);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(m_search, 1);
    tl->addWidget(watchButton);
    m_label = ViewFactory::caption(tr("Loading markets…"), this);
    m_loadMore = new QPushButton(tr("Load more"), this);
    m_loadMore->setObjectName(QStringLiteral("loadMore"));
    m_loadMore->setEnabled(false);
    connect(m_loadMore, &QPushButton::clicked, this, [this] {
        m_loadMore->setEnabled(false);
        m_label->setText(tr("Loading more markets…"));
        Q_EMIT loadMoreRequested();
    });
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_label, 1);
    footer->addWidget(m_loadMore);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(tools);
    layout->addWidget(m_view, 1);
    layout->addLayout(footer);
}

void MarketBrowserPane::watchRow(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const int row = m_proxy->mapToSource(proxyIndex).row();
    if (row >= 0 && row < m_markets->marketCount())
        Q_EMIT watchRequested(m_markets->market(row));
}

void MarketBrowserPane::setSimulated(bool simulated)
{
    m_simulated = simulated;
    m_search->setPlaceholderText(simulated ? tr("Search markets…") : tr("Search markets… (Enter searches all of Polymarket)"));
}

void MarketBrowserPane::showPage(const QList<MarketInfo> &markets, bool first, bool hasMore)
{
    if (first)
        m_markets->setMarkets(markets);
    else
        m_markets->appendMarkets(markets);
    m_view->sortByColumn(m_view->horizontalHeader()->sortIndicatorSection(), m_view->horizontalHeader()->sortIndicatorOrder());
    m_loadMore->setEnabled(hasMore);
    m_loadMore->setVisible(!m_simulated);
    m_label->setText(m_simulated ? tr("%n simulated market(s)", nullptr, m_markets->marketCount())
                                 : tr("%n market(s) loaded, most 24h volume first", nullptr, m_markets->marketCount()));
}

void MarketBrowserPane::showRecorded(const QList<MarketInfo> &markets)
{
    m_markets->setMarkets(markets);
    m_label->setText(tr("%n recorded market(s)", nullptr, int(markets.size())));
    m_loadMore->setVisible(false);
}

void MarketBrowserPane::addMarkets(const QList<MarketInfo> &markets)
{
    m_markets->appendMarkets(markets);
}

void MarketBrowserPane::showSearchResults(const QString &text, const QList<MarketInfo> &markets)
{
    m_markets->appendMarkets(markets, text);
    m_label->setText(tr("%n open market(s) found for “%1”", nullptr, int(markets.size())).arg(text));
}

void MarketBrowserPane::showSearchFailed(const QString &error)
{
    m_label->setText(tr("Search failed: %1").arg(error));
}

void MarketBrowserPane::loadMoreFailed()
{
    m_loadMore->setEnabled(true);
}

void MarketBrowserPane::showUnreachable()
{
    m_label->setText(tr("Polymarket is unreachable"));
}

void MarketBrowserPane::clear()
{
    m_markets->setMarkets({});
}

void MarketBrowserPane::setWatched(const QSet<QString> &conditionIds)
{
    m_markets->setWatched(conditionIds);
}

QList<MarketInfo> MarketBrowserPane::topMarkets(int n) const
{
    QList<MarketInfo> out;
    for (int i = 0; i < n && i < m_proxy->rowCount(); ++i)
        out << m_markets->market(m_proxy->mapToSource(m_proxy->index(i, 0)).row());
    return out;
}

} // namespace polymon
