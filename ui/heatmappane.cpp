#include "heatmappane.h"

#include "heatmapview.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace polymon {

HeatmapPane::HeatmapPane(QWidget *parent)
    : QWidget(parent)
    , m_view(new HeatmapView(this))
    , m_lower(new QSpinBox(this))
    , m_upper(new QSpinBox(this))
    , m_minTrade(new QDoubleSpinBox(this))
    , m_follow(new QToolButton(this))
{
    m_view->setObjectName(QStringLiteral("heatmap"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(2, 0, 2, 0);
    m_lower->setObjectName(QStringLiteral("heatLower"));
    m_upper->setObjectName(QStringLiteral("heatUpper"));
    for (QSpinBox *b : {m_lower, m_upper}) {
        b->setRange(0, 100);
        b->setSuffix(QStringLiteral(" %"));
    }
    m_lower->setValue(10);
    m_upper->setValue(98);
    m_lower->setToolTip(tr("Sizes at or below this percentile of those on screen are the faintest colour"));
    m_upper->setToolTip(tr("Sizes at or above this percentile are the strongest colour"));
    auto apply = [this] { m_view->setCutoffs(m_lower->value(), std::max(m_lower->value(), m_upper->value())); };
    connect(m_lower, &QSpinBox::valueChanged, this, apply);
    connect(m_upper, &QSpinBox::valueChanged, this, apply);
    m_minTrade->setObjectName(QStringLiteral("heatMinTrade"));
    m_minTrade->setRange(0, 1'000'000);
    m_minTrade->setDecimals(0);
    m_minTrade->setSuffix(tr(" sh"));
    m_minTrade->setToolTip(tr("Trades smaller than this are not drawn"));
    connect(m_minTrade, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { m_view->setMinTradeSize(Fixed(std::llround(v)) * kFixedScale); });
    m_follow->setText(tr("Live"));
    m_follow->setToolTip(tr("Follow live: keep the newest slice at the right edge (double-click the heatmap does the same)"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    connect(m_follow, &QToolButton::toggled, m_view, &HeatmapView::setFollowLive);
    connect(m_view, &HeatmapView::followLiveChanged, m_follow, &QToolButton::setChecked);
    // Compact, so the pane never widens the window (each control has a tooltip).
    m_lower->setPrefix(tr("from "));
    m_upper->setPrefix(tr("to "));
    m_minTrade->setPrefix(tr("trades ≥ "));
    controls->addWidget(m_lower);
    controls->addWidget(m_upper);
    controls->addWidget(m_minTrade);
    controls->addStretch(1);
    controls->addWidget(m_follow);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
}

} // namespace polymon
