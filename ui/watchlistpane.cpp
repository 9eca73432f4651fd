#include "watchlistpane.h"

#include "viewfactory.h"
#include "watchtablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace polymon {

WatchlistPane::WatchlistPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new WatchTableModel(this))
    , m_view(ViewFactory::table(this))
{
    m_view->setObjectName(QStringLiteral("watchView"));
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setSectionResizeMode(WatchTableModel::Market, QHeaderView::Stretch);
    for (int c = WatchTableModel::Bid; c < WatchTableModel::NUM_COLUMNS; ++c)
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // The watchlist is an overview: depths and bps live in the market tab.
    for (int c : {WatchTableModel::SpreadBps, WatchTableModel::BidDepth, WatchTableModel::AskDepth, WatchTableModel::Imbalance})
        m_view->setColumnHidden(c, true);
    connect(m_view, &QTableView::clicked, this,
            [this](const QModelIndex &index) { Q_EMIT outcomeActivated(m_model->assetAt(index.row())); });
    auto *unwatch = new QPushButton(tr("Stop watching"), this);
    connect(unwatch, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            Q_EMIT unwatchRequested(m_model->assetAt(current.row()));
    });
    auto *tools = new QWidget(this);
    auto *tl = new QHBoxLayout(tools);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(ViewFactory::caption(tr("Click a row to open its market"), tools), 1);
    tl->addWidget(unwatch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(ViewFactory::titled(QString(), m_view, tools));
}

} // namespace polymon
