#include "pricechartview.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace polymon {

namespace {

const QColor kTypeColours[kSignalTypeCount] = {QColor(0x1f, 0x9d, 0x55), QColor(0xd6, 0x45, 0x45),
                                               QColor(0xe0, 0xa1, 0x00), QColor(0x6a, 0x4c, 0xc9)};

double price(Fixed v)
{
    return double(v) / double(kFixedScale);
}

} // namespace

PriceChartView::PriceChartView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_bid = new QLineSeries(chart);
    m_bid->setName(tr("Bid"));
    m_bid->setPen(QPen(QColor(0x1f, 0x9d, 0x55), 1.5));
    m_ask = new QLineSeries(chart);
    m_ask->setName(tr("Ask"));
    m_ask->setPen(QPen(QColor(0xd6, 0x45, 0x45), 1.5));
    m_mid = new QLineSeries(chart);
    m_mid->setName(tr("Mid"));
    m_mid->setPen(QPen(QColor(0x60, 0x60, 0x60), 1, Qt::DashLine));
    for (QLineSeries *s : {m_bid, m_ask, m_mid})
        chart->addSeries(s);
    for (int i = 0; i < kSignalTypeCount; ++i) {
        auto *markers = new QScatterSeries(chart);
        markers->setName(QLatin1String(signalTypeName(SignalType(i))));
        markers->setColor(kTypeColours[i]);
        markers->setBorderColor(Qt::white);
        markers->setMarkerSize(11);
        chart->addSeries(markers);
        m_markers[i] = markers;
        connect(markers, &QScatterSeries::hovered, this, [this, i](const QPointF &point, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            const History &h = m_history[m_asset];
            for (const Signal &s : h.signals_) {
                if (int(s.type) == i && std::llabs(s.timestampMs - qint64(point.x())) < 1000) {
                    QToolTip::showText(QCursor::pos(), QStringLiteral("%1 %2 (%3%)\n%4")
                                                           .arg(QLatin1String(signalTypeName(s.type)),
                                                                QLatin1String(signalSideName(s.side)))
                                                           .arg(s.confidence)
                                                           .arg(QString::fromStdString(s.description)));
                    return;
                }
            }
        });
    }
    m_time = new QDateTimeAxis(chart);
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(6);
    m_price = new QValueAxis(chart);
    m_price->setLabelFormat(QStringLiteral("%.3f"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_price, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(m_time);
        s->attachAxis(m_price);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand); // drag to zoom, right-click to zoom out
}

void PriceChartView::addPoint(const QString &assetId, qint64 timestampMs, Fixed bid, Fixed ask)
{
    History &h = m_history[assetId];
    if (!h.points.empty() && h.points.back().ts == timestampMs)
        h.points.back() = Point{timestampMs, price(bid), price(ask)};
    else
        h.points.push_back(Point{timestampMs, price(bid), price(ask)});
    while (h.points.size() > kMaxPoints)
        h.points.pop_front();
    h.dirty = true;
}

void PriceChartView::addSignal(const Signal &signal)
{
    History &h = m_history[QString::fromStdString(signal.assetId)];
    h.signals_.push_back(signal);
    if (h.signals_.size() > 500)
        h.signals_.erase(h.signals_.begin());
    h.dirty = true;
}

void PriceChartView::showAsset(const QString &assetId, const QString &title)
{
    m_asset = assetId;
    chart()->setTitle(title);
    m_history[assetId].dirty = true;
    refresh();
}

void PriceChartView::refresh()
{
    History &h = m_history[m_asset];
    if (!h.dirty)
        return;
    h.dirty = false;
    QList<QPointF> bid, ask, mid;
    bid.reserve(qsizetype(h.points.size()));
    ask.reserve(qsizetype(h.points.size()));
    mid.reserve(qsizetype(h.points.size()));
    double low = 1.0, high = 0.0;
    for (const Point &p : h.points) {
        bid << QPointF(double(p.ts), p.bid);
        ask << QPointF(double(p.ts), p.ask);
        mid << QPointF(double(p.ts), (p.bid + p.ask) / 2);
        low = std::min(low, p.bid);
        high = std::max(high, p.ask);
    }
    m_bid->replace(bid);
    m_ask->replace(ask);
    m_mid->replace(mid);
    QList<QPointF> markers[kSignalTypeCount];
    for (const Signal &s : h.signals_)
        markers[int(s.type)] << QPointF(double(s.timestampMs), price(s.mid));
    for (int i = 0; i < kSignalTypeCount; ++i)
        m_markers[i]->replace(markers[i]);
    if (h.points.empty())
        return;
    const double pad = std::max(0.005, (high - low) * 0.1);
    m_price->setRange(std::max(0.0, low - pad), std::min(1.0, high + pad));
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(h.points.front().ts),
                     QDateTime::fromMSecsSinceEpoch(std::max(h.points.back().ts, h.points.front().ts + 1000)));
}

} // namespace polymon
