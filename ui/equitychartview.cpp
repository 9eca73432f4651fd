#include "equitychartview.h"

#include "chartstyle.h"
#include "themes.h"

#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace polymon {

EquityChartView::EquityChartView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_main = new QLineSeries(chart);
    m_other = new QLineSeries(chart);
    m_zero = new QLineSeries(chart);
    for (QLineSeries *s : {m_zero, m_other, m_main})
        chart->addSeries(s);
    m_time = new QDateTimeAxis(chart);
    m_time->setFormat(QStringLiteral("MM-dd HH:mm"));
    m_time->setTickCount(5);
    m_value = new QValueAxis(chart);
    m_value->setLabelFormat(QStringLiteral("%.2f"));
    m_value->setTitleText(tr("net PnL, $"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_value, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(m_time);
        s->attachAxis(m_value);
    }
    chart->legend()->markers(m_zero).constFirst()->setVisible(false);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    applyPalette();
    clear();
}

void EquityChartView::applyPalette()
{
    ChartStyle::apply(this, {m_time, m_value});
    const QPalette pal = palette();
    m_main->setPen(QPen(pal.color(QPalette::Highlight), 2));
    m_other->setPen(QPen(Themes::ask(), 1.6, Qt::DashLine));
    QColor zero = pal.color(QPalette::Text);
    zero.setAlpha(110);
    m_zero->setPen(QPen(zero, 1, Qt::DotLine));
}

void EquityChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QChartView::changeEvent(event);
}

void EquityChartView::fill(QLineSeries *series, const std::vector<EquityPoint> &curve)
{
    // Steps: the equity holds until the next trade closes.
    QList<QPointF> points;
    points.reserve(qsizetype(curve.size() * 2));
    double last = 0;
    for (const EquityPoint &p : curve) {
        const double value = toDouble(p.equity);
        if (!points.isEmpty())
            points.append(QPointF(double(p.timeMs), last));
        points.append(QPointF(double(p.timeMs), value));
        last = value;
    }
    series->replace(points);
}

void EquityChartView::setCurves(const QString &name, const std::vector<EquityPoint> &curve, const QString &otherName,
                                const std::vector<EquityPoint> &other)
{
    m_main->setName(name);
    m_other->setName(otherName);
    fill(m_main, curve);
    fill(m_other, other);
    m_other->setVisible(!other.empty());
    std::int64_t from = 0, to = 0;
    double low = 0, high = 0;
    for (const auto *c : {&curve, &other}) {
        for (const EquityPoint &p : *c) {
            from = from == 0 ? p.timeMs : std::min(from, p.timeMs);
            to = std::max(to, p.timeMs);
            low = std::min(low, toDouble(p.equity));
            high = std::max(high, toDouble(p.equity));
        }
    }
    if (to <= from)
        to = from + 60'000;
    const double pad = std::max(1.0, (high - low) * 0.08);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    m_value->setRange(low - pad, high + pad);
    m_value->applyNiceNumbers(); // round dollar ticks
    m_zero->replace({QPointF(double(from), 0.0), QPointF(double(to), 0.0)});
    chart()->setTitle(curve.empty() ? tr("No trades") : QString());
}

void EquityChartView::clear()
{
    setCurves(tr("Equity"), {}, QString(), {});
    chart()->setTitle(tr("Run a backtest to see its equity curve"));
}

} // namespace polymon
