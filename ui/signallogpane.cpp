#include "signallogpane.h"

#include "signalfilterproxy.h"
#include "signallogmodel.h"
#include "viewfactory.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace polymon {

SignalLogPane::SignalLogPane(QWidget *parent)
    : QWidget(parent)
{
    m_model = new SignalLogModel(this);
    m_proxy = new SignalFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SignalLogModel::SortRole);
    m_view = ViewFactory::table(this);
    m_view->setObjectName(QStringLiteral("signalView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SignalLogModel::Time, Qt::DescendingOrder);
    // Room for a few signals even when the dock is squeezed.
    // Three rows at least: at 1024x700 a replay's transport takes a toolbar row too.
    m_view->setMinimumHeight(m_view->verticalHeader()->defaultSectionSize() * 3 + m_view->horizontalHeader()->sizeHint().height());
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(SignalLogModel::Market, QHeaderView::Interactive);
    m_view->horizontalHeader()->resizeSection(SignalLogModel::Market, 260);
    // Wide enough for the longest type name before any signal arrives.
    m_view->horizontalHeader()->setSectionResizeMode(SignalLogModel::Type, QHeaderView::Interactive);
    m_view->horizontalHeader()->resizeSection(
        SignalLogModel::Type, m_view->fontMetrics().horizontalAdvance(QStringLiteral("LIQUIDITY_VACUUM")) + 16);
    m_view->horizontalHeader()->setStretchLastSection(true);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT outcomeActivated(m_proxy->data(m_proxy->index(index.row(), 0), SignalLogModel::AssetIdRole).toString());
    });
    auto *typeFilter = new QComboBox(this);
    typeFilter->addItem(tr("All signals"), QString());
    for (int i = 0; i < kSignalTypeCount; ++i)
        typeFilter->addItem(QLatin1String(signalTypeName(SignalType(i))), QLatin1String(signalTypeName(SignalType(i))));
    connect(typeFilter, &QComboBox::currentIndexChanged, this,
            [this, typeFilter] { m_proxy->setType(typeFilter->currentData().toString()); });
    auto *minConfidence = new QSpinBox(this);
    minConfidence->setRange(0, 100);
    minConfidence->setPrefix(tr("confidence ≥ "));
    connect(minConfidence, &QSpinBox::valueChanged, m_proxy, &SignalFilterProxy::setMinConfidence);
    auto *marketFilter = new QLineEdit(this);
    marketFilter->setPlaceholderText(tr("Filter by market…"));
    marketFilter->setClearButtonEnabled(true);
    connect(marketFilter, &QLineEdit::textChanged, m_proxy, &SignalFilterProxy::setMarketText);
    auto *qualityButton = new QPushButton(tr("Quality…"), this);
    qualityButton->setObjectName(QStringLiteral("qualityButton"));
    qualityButton->setToolTip(tr("Does each signal type pay? Moves and PnL after the signals the database holds"));
    connect(qualityButton, &QPushButton::clicked, this, &SignalLogPane::qualityRequested);
    auto *exportButton = new QPushButton(tr("Export CSV…"), this);
    connect(exportButton, &QPushButton::clicked, this, &SignalLogPane::exportRequested);
    m_hint = ViewFactory::caption(QString(), this);
    m_hint->setWordWrap(true);
    auto *tools = new QHBoxLayout;
    tools->addWidget(typeFilter);
    tools->addWidget(minConfidence);
    tools->addWidget(marketFilter, 1);
    tools->addWidget(qualityButton);
    tools->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(tools);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
}

void SignalLogPane::setHint(const QString &text)
{
    m_hint->setText(text);
}

SignalCsv::Filter SignalLogPane::filter() const
{
    SignalCsv::Filter f;
    f.type = m_proxy->type();
    f.minConfidence = m_proxy->minConfidence();
    f.text = m_proxy->marketText().trimmed();
    return f;
}

int SignalLogPane::shownRows() const
{
    return m_proxy->rowCount();
}

} // namespace polymon
