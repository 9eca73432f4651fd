#include "eventpane.h"

#include "eventtablemodel.h"
#include "priceformat.h"
#include "viewfactory.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace polymon {

EventPane::EventPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    m_title = new QLabel(tr("Open a market that belongs to a multi-outcome event and press <b>Event</b> in its header "
                            "to see every outcome here."),
                         this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_sum = new QLabel(this);
    m_sum->setObjectName(QStringLiteral("eventSum"));
    m_sum->setWordWrap(true);
    m_sum->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_sum);
    m_model = new EventTableModel(this);
    m_table = ViewFactory::table(this);
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(EventTableModel::Outcome, QHeaderView::Stretch);
    m_table->setToolTip(tr("Double-click an outcome to open its market"));
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid() && index.row() < m_model->markets().size())
            Q_EMIT marketActivated(m_model->markets().at(index.row()));
    });
}

void EventPane::setEvent(const QString &title, const QList<MarketInfo> &markets)
{
    m_title->setText(tr("<b>%1</b> · %n outcome(s)", nullptr, int(markets.size())).arg(title.toHtmlEscaped()));
    m_model->setMarkets(markets);
    showSums();
}

void EventPane::setWaiting(const QString &message)
{
    m_title->setText(message.toHtmlEscaped());
}

void EventPane::applySnapshots(const QList<TopSnapshot> &tops)
{
    if (m_model->rowCount() == 0)
        return;
    m_model->applySnapshots(tops);
    showSums();
}

void EventPane::showSums()
{
    const EventTableModel::Sums s = m_model->sums();
    if (s.outcomes == 0) {
        m_sum->clear();
        return;
    }
    if (s.priced < s.outcomes) {
        m_sum->setText(tr("Waiting for books: %1 of %2 outcomes priced.").arg(s.priced).arg(s.outcomes));
        return;
    }
    QString text = tr("YES mids sum to <b>%1</b> (%2 against the $1 one winner pays)")
                       .arg(PriceFormat::price(s.mids), PriceFormat::signedDifference(s.mids - kFixedScale));
    if (s.asks > 0)
        text += tr(" · every YES at the asks costs %1").arg(PriceFormat::price(s.asks));
    if (s.bids > 0)
        text += tr(" · at the bids gives %1").arg(PriceFormat::price(s.bids));
    m_sum->setText(text);
    m_sum->setToolTip(tr("In a winner-takes-all event exactly one YES pays $1: asks summing below $1 or bids above "
                         "it would be free money before fees; mids far from $1 mean the books disagree."));
}

QString EventPane::sumText() const
{
    return m_sum->text();
}

} // namespace polymon
