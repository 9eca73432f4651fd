#include "eventstudychartview.h"

#include "chartstyle.h"
#include "themes.h"

#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace polymon {

EventStudyChartView::EventStudyChartView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_mean = new QLineSeries(chart);
    m_points = new QScatterSeries(chart);
    m_low = new QLineSeries(chart);
    m_high = new QLineSeries(chart);
    m_baseline = new QLineSeries(chart);
    m_zero = new QLineSeries(chart);
    m_mean->setName(tr("mean move after the event"));
    m_low->setName(tr("95 % interval"));
    m_baseline->setName(tr("at random times"));
    m_points->setMarkerSize(8);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_zero, m_baseline, m_low, m_high, m_mean, m_points})
        chart->addSeries(s);
    m_x = new QValueAxis(chart);
    m_y = new QValueAxis(chart);
    m_y->setLabelFormat(QStringLiteral("%.2f"));
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_x->setTickCount(5);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_zero, m_high, m_points})
        chart->legend()->markers(s).constFirst()->setVisible(false);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    applyPalette();
    clear();
}

void EventStudyChartView::applyPalette()
{
    ChartStyle::apply(this, {m_x, m_y});
    const QPalette pal = palette();
    m_mean->setPen(QPen(pal.color(QPalette::Highlight), 2));
    m_points->setColor(pal.color(QPalette::Highlight));
    m_points->setBorderColor(pal.color(QPalette::Highlight));
    for (QLineSeries *s : {m_low, m_high})
        s->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
    m_baseline->setPen(QPen(Themes::ask(), 1.6, Qt::DotLine));
    QColor zero = pal.color(QPalette::Text);
    zero.setAlpha(110);
    m_zero->setPen(QPen(zero, 1, Qt::DotLine));
}

void EventStudyChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QChartView::changeEvent(event);
}

void EventStudyChartView::clear()
{
    for (QXYSeries *s : std::initializer_list<QXYSeries *>{m_mean, m_points, m_low, m_high, m_baseline, m_zero})
        s->clear();
    chart()->setTitle(tr("Run the study, then choose an event type"));
    m_x->setRange(0, 1);
    m_y->setRange(-1, 1);
}

void EventStudyChartView::showType(const EventStudy::TypeResult &r)
{
    clear();
    QList<QPointF> mean, low, high, baseline;
    double lo = 0, hi = 0;
    auto extend = [&](double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    };
    if (r.type == QLatin1String("chat_rate") && !r.lagCurve.empty()) {
        // The chat's pace against the book's absolute moves at each lag.
        const int maxLag = int(r.lagCurve.size() / 2);
        for (std::size_t i = 0; i < r.lagCurve.size(); ++i) {
            mean.append(QPointF(int(i) - maxLag, r.lagCurve[i]));
            extend(r.lagCurve[i]);
        }
        m_mean->setName(tr("correlation with the book's moves"));
        m_x->setTitleText(tr("lag, s (positive: the book moves after the chat)"));
        m_y->setTitleText(tr("r"));
        m_x->setRange(-maxLag, maxLag);
        chart()->setTitle(tr("%1: best lag %2 s (r %3)").arg(r.type).arg(r.leadLagS).arg(r.lagCorrelation, 0, 'f', 2));
        m_mean->replace(mean);
        m_zero->replace({QPointF(-maxLag, 0), QPointF(maxLag, 0)});
    } else {
        // Moves in cents after the event, at each horizon.
        for (const EventStudy::Horizon &h : r.horizons) {
            mean.append(QPointF(h.seconds, h.meanMove * 100));
            low.append(QPointF(h.seconds, h.ciLow * 100));
            high.append(QPointF(h.seconds, h.ciHigh * 100));
            baseline.append(QPointF(h.seconds, h.baselineMean * 100));
            for (double v : {h.ciLow, h.ciHigh, h.baselineMean})
                extend(v * 100);
        }
        const double xMax = r.horizons.empty() ? 1.0 : r.horizons.back().seconds * 1.05;
        m_mean->setName(tr("mean move after the event"));
        m_x->setTitleText(tr("seconds after the event"));
        m_y->setTitleText(tr("mid move, ¢"));
        m_x->setRange(0, xMax);
        chart()->setTitle(tr("%1 (%n event(s)): the book %2", nullptr, r.events)
                              .arg(r.type,
                                   r.lagCorrelation <= 0 ? tr("shows no relation")
                                   : (r.leadLagS == 0 ? tr("moves with it")
                                      : r.leadLagS > 0 ? tr("follows it by %1 s").arg(r.leadLagS)
                                                       : tr("moves %1 s before it").arg(-r.leadLagS))
                                         + tr(" (r %1)").arg(r.lagCorrelation, 0, 'f', 2)));
        m_mean->replace(mean);
        m_points->replace(mean);
        m_low->replace(low);
        m_high->replace(high);
        m_baseline->replace(baseline);
        m_zero->replace({QPointF(0, 0), QPointF(xMax, 0)});
    }
    const double pad = std::max(0.05, (hi - lo) * 0.1);
    m_y->setRange(lo - pad, hi + pad);
}

} // namespace polymon
