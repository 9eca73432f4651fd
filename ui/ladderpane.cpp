#include "ladderpane.h"

#include "laddermodel.h"
#include "laddertradeinput.h"
#include "sizebardelegate.h"
#include "viewfactory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QShortcut>
#include <QTableView>
#include <QToolButton>

namespace polymon {

LadderPane::LadderPane(QWidget *parent)
    : QWidget(parent)
{
    m_model = new LadderModel(this);
    m_view = ViewFactory::table(this);
    m_view->setObjectName(QStringLiteral("ladderView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SizeBarDelegate(m_view));
    m_view->setAlternatingRowColors(false);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    // Sizes get the room; your orders and the traded volume a fixed share.
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Stretch);
    header->setSectionResizeMode(LadderModel::Price, QHeaderView::ResizeToContents);
    const QFontMetrics fm = m_view->fontMetrics();
    // Narrow by default (the sizes need the room at 1024 px); an order's full
    // text is in its tooltip, and the columns can be widened by hand.
    for (int column : {int(LadderModel::MyBids), int(LadderModel::MyAsks), int(LadderModel::Traded)}) {
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        header->resizeSection(column, fm.horizontalAdvance(column == LadderModel::Traded ? QStringLiteral("Traded")
                                                                                          : QStringLiteral("Sells"))
                                          + 14);
    }
    m_view->verticalHeader()->setDefaultSectionSize(fm.height() + 4);
    m_view->setToolTip(tr("When trading is unlocked: click a bid column to buy at that price, an ask column to "
                          "sell; drag your order to move it, right-click it to cancel. Paper orders do not "
                          "change the book shown."));
    auto *trade = new LadderTradeInput(m_view);
    connect(trade, &LadderTradeInput::orderRequested, this, &LadderPane::orderRequested);
    connect(trade, &LadderTradeInput::cancelRequested, this, &LadderPane::cancelRequested);
    connect(trade, &LadderTradeInput::moveRequested, this, &LadderPane::moveRequested);

    auto *recentreButton = new QToolButton(this);
    recentreButton->setText(tr("Recentre (C)"));
    recentreButton->setToolTip(tr("Scroll the ladder back to the spread"));
    connect(recentreButton, &QToolButton::clicked, this, &LadderPane::recentre);
    m_autoCentre = new QCheckBox(tr("Auto"), this);
    m_autoCentre->setObjectName(QStringLiteral("autoCentre"));
    m_autoCentre->setToolTip(tr("Recentre by itself when the best bid or ask leaves the view"));
    m_window = new QComboBox(this);
    m_window->setObjectName(QStringLiteral("tradedWindow"));
    m_window->setToolTip(tr("The Traded column counts the shares traded at each price over this window"));
    for (const auto &[label, ms] : {std::pair{tr("1 min"), 60'000}, {tr("5 min"), 300'000}, {tr("15 min"), 900'000},
                                    {tr("1 h"), 3'600'000}})
        m_window->addItem(label, ms);
    m_window->setCurrentIndex(1);
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setTradedWindowMs(m_window->currentData().toLongLong()); });
    auto *shortcut = new QShortcut(QKeySequence(Qt::Key_C), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &LadderPane::recentre);

    auto *tools = new QWidget(this);
    auto *lt = new QHBoxLayout(tools);
    lt->setContentsMargins(0, 0, 0, 0);
    m_caption = new QLabel(tools);
    m_caption->setMinimumWidth(60);
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    lt->addWidget(m_caption, 1);
    lt->addWidget(m_window);
    lt->addWidget(m_autoCentre);
    lt->addWidget(recentreButton);
    setCaption(QString());
    QWidget *titled = ViewFactory::titled(QString(), m_view, tools);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(titled);
}

void LadderPane::setCaption(const QString &what)
{
    const QString title = tr("Ladder");
    m_caption->setText(what.isEmpty() ? QStringLiteral("<b>%1</b>").arg(title)
                                      : QStringLiteral("<b>%1</b> · %2").arg(title, what.toHtmlEscaped()));
}

void LadderPane::showBook(const QVector<PriceLevel> &bids, const QVector<PriceLevel> &asks, Fixed tick, qint64 nowMs)
{
    const Fixed tickBefore = m_model->tick();
    m_model->setTick(tick);
    m_model->setLevels(bids, asks, nowMs);
    // The grid stays put; it centres on a new grid, on the first book once
    // the view has its size, and when asked (C, or Auto when the touch
    // leaves the view).
    m_needsCentre = m_needsCentre || m_model->tick() != tickBefore;
    if ((m_needsCentre && m_view->viewport()->height() > 0) || (m_autoCentre->isChecked() && !touchVisible())) {
        recentre();
        m_needsCentre = false;
    }
}

void LadderPane::clear()
{
    m_model->clear();
    m_needsCentre = true;
}

void LadderPane::recentre()
{
    if (m_model->rowCount() == 0)
        return;
    // After a new grid the view's scroll range is laid out lazily: lay it out
    // now, or the scroll would be clamped to the old, empty range.
    m_view->doItemsLayout();
    m_view->scrollTo(m_model->index(m_model->centreRow(), LadderModel::Price), QAbstractItemView::PositionAtCenter);
}

bool LadderPane::touchVisible() const
{
    const int top = m_view->rowAt(0);
    const int bottom = m_view->rowAt(m_view->viewport()->height() - 1);
    auto shown = [&](int row) { return row < 0 || (row >= top && (bottom < 0 || row <= bottom)); };
    return top < 0 || (shown(m_model->bestBidRow()) && shown(m_model->bestAskRow()));
}

} // namespace polymon
