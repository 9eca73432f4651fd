#include "pricechartview.h"

#include "chartstyle.h"
#include "themes.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace polymon {

namespace {

QString shortName(SignalType type)
{
    switch (type) {
    case SignalType::PanicSell: return PriceChartView::tr("Panic");
    case SignalType::FomoBuy: return PriceChartView::tr("FOMO");
    case SignalType::LiquidityVacuum: return PriceChartView::tr("Vacuum");
    case SignalType::DepthPull: return PriceChartView::tr("Pull");
    }
    return {};
}

} // namespace

QColor PriceChartView::typeColour(SignalType type)
{
    switch (type) {
    case SignalType::PanicSell: return QColor(0x1f, 0x9d, 0x55);
    case SignalType::FomoBuy: return QColor(0xd6, 0x45, 0x45);
    case SignalType::LiquidityVacuum: return QColor(0xe0, 0xa1, 0x00);
    case SignalType::DepthPull: return QColor(0x8a, 0x6c, 0xf0);
    }
    return Qt::gray;
}

PriceChartView::PriceChartView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_bid = new QLineSeries(chart);
    m_bid->setName(tr("Bid"));
    m_ask = new QLineSeries(chart);
    m_ask->setName(tr("Ask"));
    m_mid = new QLineSeries(chart);
    m_mid->setName(tr("Mid"));
    for (QLineSeries *s : {m_bid, m_ask, m_mid})
        chart->addSeries(s);
    for (int i = 0; i < kSignalTypeCount; ++i) {
        auto *markers = new QScatterSeries(chart);
        markers->setName(shortName(SignalType(i)));
        markers->setColor(typeColour(SignalType(i)));
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
                    QToolTip::showText(QCursor::pos(),
                                       QStringLiteral("%1 %2 (%3%) at %4\n%5")
                                           .arg(QLatin1String(signalTypeName(s.type)), QLatin1String(signalSideName(s.side)))
                                           .arg(s.confidence)
                                           .arg(QDateTime::fromMSecsSinceEpoch(s.timestampMs).toString(QStringLiteral("HH:mm:ss")),
                                                QString::fromStdString(s.description)));
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
    setRubberBand(QChartView::HorizontalRubberBand); // drag a range to zoom
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Drag to zoom, wheel to zoom, Shift+drag or arrows to pan, right-click or Home to follow live"));
    applyPalette();
}

void PriceChartView::applyPalette()
{
    ChartStyle::apply(this, {m_time, m_price});
    const QPalette pal = palette();
    m_bid->setPen(QPen(Themes::bid(), 1.6));
    m_ask->setPen(QPen(Themes::ask(), 1.6));
    QColor mid = pal.color(QPalette::Text);
    mid.setAlpha(150);
    m_mid->setPen(QPen(mid, 1, Qt::DashLine));
    for (QScatterSeries *m : m_markers)
        m->setBorderColor(pal.color(QPalette::Base));
}

void PriceChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QChartView::changeEvent(event);
}

void PriceChartView::addPoint(const QString &assetId, qint64 timestampMs, Fixed bid, Fixed ask)
{
    History &h = m_history[assetId];
    const Point p{timestampMs, toDouble(bid), toDouble(ask)};
    if (!h.points.empty() && timestampMs - h.points.back().ts < kPointSpacingMs) {
        if (h.points.back().bid == p.bid && h.points.back().ask == p.ask)
            return;
        // Keep the shape: the replaced point's time stays, the prices move on.
        if (h.points.size() >= 2 && h.points.back().ts - h.points[h.points.size() - 2].ts < kPointSpacingMs)
            h.points.back() = p;
        else
            h.points.push_back(p);
    } else {
        h.points.push_back(p);
    }
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

void PriceChartView::addHistory(const AssetHistory &history)
{
    History &h = m_history[history.assetId];
    const qint64 firstLive = h.points.empty() ? std::numeric_limits<qint64>::max() : h.points.front().ts;
    std::deque<Point> older;
    for (const AssetHistory::Point &p : history.points) {
        if (p.ts < firstLive)
            older.push_back(Point{p.ts, toDouble(p.bid), toDouble(p.ask)});
    }
    h.points.insert(h.points.begin(), older.begin(), older.end());
    while (h.points.size() > kMaxPoints)
        h.points.pop_front();
    for (const Signal &s : history.signals_)
        h.signals_.insert(h.signals_.begin(), s); // older than any live one
    std::stable_sort(h.signals_.begin(), h.signals_.end(),
                     [](const Signal &a, const Signal &b) { return a.timestampMs < b.timestampMs; });
    h.dirty = true;
}

qint64 PriceChartView::firstPointMs(const QString &assetId) const
{
    const auto it = m_history.constFind(assetId);
    return it == m_history.cend() || it->points.empty() ? 0 : it->points.front().ts;
}

void PriceChartView::showAsset(const QString &assetId)
{
    m_asset = assetId;
    m_history[assetId].dirty = true;
    refresh();
}

void PriceChartView::followLive()
{
    m_follow = true;
    m_history[m_asset].dirty = true;
    refresh();
}

qint64 PriceChartView::visibleSpanMs() const
{
    return m_time->min().msecsTo(m_time->max());
}

void PriceChartView::setTimeRange(qint64 fromMs, qint64 toMs)
{
    const qint64 span = toMs - fromMs;
    // Labels that differ from tick to tick, without more detail than needed.
    if (span <= 15 * 60'000)
        m_time->setFormat(QStringLiteral("HH:mm:ss"));
    else if (span <= 24 * 3600'000)
        m_time->setFormat(QStringLiteral("HH:mm"));
    else
        m_time->setFormat(QStringLiteral("MMM d HH:mm"));
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
}

void PriceChartView::refresh()
{
    History &h = m_history[m_asset];
    if (!h.dirty)
        return;
    h.dirty = false;
    double low = 1.0, high = 0.0; // price range of the history, for the axis
    QList<QPointF> bid, ask, mid;
    bid.reserve(qsizetype(h.points.size()));
    ask.reserve(qsizetype(h.points.size()));
    mid.reserve(qsizetype(h.points.size()));
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
        markers[int(s.type)] << QPointF(double(s.timestampMs), toDouble(s.mid));
    for (int i = 0; i < kSignalTypeCount; ++i)
        m_markers[i]->replace(markers[i]);
    if (h.points.empty() || !m_follow)
        return;
    const qint64 last = h.points.back().ts;
    const qint64 first = std::min(h.points.front().ts, last - kMinSpanMs);
    const double pad = std::max(0.005, (high - low) * 0.1);
    m_price->setRange(std::max(0.0, low - pad), std::min(1.0, high + pad));
    setTimeRange(first, last + (last - first) / 50); // a little air on the right
}

void PriceChartView::releaseSeries()
{
    for (QXYSeries *s : {static_cast<QXYSeries *>(m_bid), static_cast<QXYSeries *>(m_ask), static_cast<QXYSeries *>(m_mid)})
        s->clear();
    for (QScatterSeries *m : m_markers)
        m->clear();
    m_history[m_asset].dirty = true;
}

void PriceChartView::userMovedView()
{
    m_follow = false;
    setTimeRange(m_time->min().toMSecsSinceEpoch(), m_time->max().toMSecsSinceEpoch());
}

void PriceChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        followLive(); // instead of QChartView's one-step zoom out
        event->accept();
        return;
    }
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && event->modifiers() & Qt::ShiftModifier)) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void PriceChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint now = event->position().toPoint();
        chart()->scroll(-(now.x() - m_panFrom.x()), 0);
        m_panFrom = now;
        userMovedView();
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void PriceChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    const bool zoomed = event->button() == Qt::LeftButton && rubberBand() != QChartView::NoRubberBand;
    QChartView::mouseReleaseEvent(event);
    if (zoomed)
        userMovedView();
}

void PriceChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    const qint64 from = m_time->min().toMSecsSinceEpoch();
    const qint64 to = m_time->max().toMSecsSinceEpoch();
    const double x = chart()->mapToValue(event->position()).x(); // the time under the cursor stays put
    const double factor = std::pow(0.8, steps);
    const qint64 newFrom = qint64(x - (x - double(from)) * factor);
    const qint64 newTo = qint64(x + (double(to) - x) * factor);
    if (newTo - newFrom < 5'000)
        return;
    m_follow = false;
    setTimeRange(newFrom, newTo);
    event->accept();
}

void PriceChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    {
        const qreal step = chart()->plotArea().width() / 10;
        chart()->scroll(event->key() == Qt::Key_Left ? -step : step, 0);
    }
        userMovedView();
        return;
    case Qt::Key_Home:
        followLive();
        return;
    default:
        QChartView::keyPressEvent(event);
    }
}

} // namespace polymon
