#include "pricechartview.h"

#include "crosshair.h"
#include "priceformat.h"
#include "themes.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace polymon {

namespace {

constexpr int kAxisHeight = 18; // time labels at the bottom
constexpr int kLegendHeight = 16;
constexpr double kMarkerRadius = 5.0;

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

// Round steps for the time axis, so labels fall on whole seconds and minutes.
qint64 timeStep(qint64 spanMs, int labels)
{
    static const qint64 steps[] = {1'000,     2'000,     5'000,     10'000,     15'000,     30'000,      60'000,
                                   120'000,   300'000,   600'000,   900'000,    1'800'000,  3'600'000,   7'200'000,
                                   10'800'000, 21'600'000, 43'200'000, 86'400'000};
    for (qint64 s : steps)
        if (spanMs / s <= labels)
            return s;
    return steps[std::size(steps) - 1];
}

// Round steps for the price axis (1, 2, 5 times a power of ten).
double priceStep(double span, int labels)
{
    for (double magnitude = 0.0001; magnitude < 10; magnitude *= 10)
        for (double m : {1.0, 2.0, 5.0})
            if (span / (m * magnitude) <= labels)
                return m * magnitude;
    return 1.0;
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
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 80);
}

void PriceChartView::addPoint(const QString &assetId, qint64 timestampMs, Fixed bid, Fixed ask)
{
    History &h = m_history[assetId];
    Point p{timestampMs, bid, ask, 0};
    if (h.brokenAtMs > 0) {
        p.gapFromMs = std::min(h.brokenAtMs, timestampMs);
        h.brokenAtMs = 0;
        h.points.push_back(p);
    } else if (!h.points.empty() && timestampMs - h.points.back().ts < kPointSpacingMs) {
        Point &last = h.points.back();
        if (last.bid == bid && last.ask == ask)
            return;
        // Keep the shape: a point that already replaced one keeps its time, the prices move on.
        if (h.points.size() >= 2 && last.ts - h.points[h.points.size() - 2].ts < kPointSpacingMs && last.gapFromMs == 0) {
            last.bid = bid;
            last.ask = ask;
        } else {
            h.points.push_back(p);
        }
    } else {
        h.points.push_back(p);
    }
    while (h.points.size() > kMaxPoints)
        h.points.pop_front();
    m_clockMs = std::max(m_clockMs, timestampMs);
    if (assetId == m_asset)
        m_dirty = true;
}

void PriceChartView::breakHere(const QString &assetId, qint64 timestampMs)
{
    History &h = m_history[assetId];
    if (h.brokenAtMs > 0 || h.points.empty())
        return;
    h.brokenAtMs = std::max(timestampMs, h.points.back().ts);
    if (assetId == m_asset)
        m_dirty = true;
}

void PriceChartView::addSignal(const Signal &signal)
{
    const QString asset = QString::fromStdString(signal.assetId);
    History &h = m_history[asset];
    h.signals_.push_back(signal);
    if (h.signals_.size() > 500)
        h.signals_.erase(h.signals_.begin());
    if (asset == m_asset)
        m_dirty = true;
}

void PriceChartView::addHistory(const AssetHistory &history)
{
    History &h = m_history[history.assetId];
    const qint64 firstLive = h.points.empty() ? std::numeric_limits<qint64>::max() : h.points.front().ts;
    std::deque<Point> older;
    for (const AssetHistory::Point &p : history.points) {
        if (p.ts >= firstLive)
            break;
        Point point{p.ts, p.bid, p.ask, 0};
        // The database keeps a point a second while recording: a silent minute was not recorded.
        if (!older.empty() && p.ts - older.back().ts > kRecordedGapMs)
            point.gapFromMs = older.back().ts + 1000;
        older.push_back(point);
    }
    if (!older.empty() && !h.points.empty() && h.points.front().gapFromMs == 0 && firstLive - older.back().ts > kRecordedGapMs)
        h.points.front().gapFromMs = older.back().ts + 1000; // the app was not running
    h.points.insert(h.points.begin(), older.begin(), older.end());
    while (h.points.size() > kMaxPoints)
        h.points.pop_front();
    for (const Signal &s : history.signals_)
        h.signals_.insert(h.signals_.begin(), s);
    std::stable_sort(h.signals_.begin(), h.signals_.end(),
                     [](const Signal &a, const Signal &b) { return a.timestampMs < b.timestampMs; });
    if (history.assetId == m_asset)
        m_dirty = true;
}

qint64 PriceChartView::firstPointMs(const QString &assetId) const
{
    const auto it = m_history.constFind(assetId);
    return it == m_history.cend() || it->points.empty() ? 0 : it->points.front().ts;
}

void PriceChartView::showAsset(const QString &assetId)
{
    m_asset = assetId;
    m_dirty = true;
    refresh();
}

void PriceChartView::setClock(qint64 ms)
{
    if (ms != m_clockMs) {
        m_clockMs = ms; // a replay's clock goes back on a seek
        m_dirty = m_dirty || m_follow;
    }
}

void PriceChartView::refresh()
{
    if (!m_dirty || !isVisible())
        return;
    update();
}

void PriceChartView::followLive()
{
    m_follow = true;
    m_dirty = true;
    update();
}

void PriceChartView::stopFollowing()
{
    m_follow = false;
}

void PriceChartView::setFrozen(bool frozen)
{
    if (frozen == m_frozen)
        return;
    m_frozen = frozen;
    update();
}

qint64 PriceChartView::stepEndMs(const History &h, std::size_t i) const
{
    if (i + 1 < h.points.size()) {
        const Point &next = h.points[i + 1];
        return next.gapFromMs > 0 ? next.gapFromMs : next.ts;
    }
    if (h.brokenAtMs > 0)
        return h.brokenAtMs;
    return std::max(h.points[i].ts, m_clockMs);
}

const PriceChartView::Point *PriceChartView::pointAt(const History &h, qint64 ms) const
{
    auto it = std::upper_bound(h.points.begin(), h.points.end(), ms, [](qint64 t, const Point &p) { return t < p.ts; });
    if (it == h.points.begin())
        return nullptr;
    const std::size_t i = std::size_t(std::prev(it) - h.points.begin());
    return ms < stepEndMs(h, i) || (ms == h.points[i].ts) ? &h.points[i] : nullptr;
}

void PriceChartView::followClock()
{
    const auto it = m_history.constFind(m_asset);
    if (it == m_history.cend() || it->points.empty() || !m_follow)
        return;
    // From the oldest point; a young history fills the first minute from the left.
    const qint64 first = it->points.front().ts;
    const qint64 last = std::max({it->points.back().ts, m_clockMs, first + kMinSpanMs});
    m_fromMs = first;
    m_toMs = last + (last - first) / 50; // a little air on the right
}

void PriceChartView::fitPrices()
{
    const auto it = m_history.constFind(m_asset);
    if (it == m_history.cend() || it->points.empty())
        return;
    const History &h = *it;
    double low = 1.0, high = 0.0;
    auto from = std::upper_bound(h.points.begin(), h.points.end(), m_fromMs, [](qint64 t, const Point &p) { return t < p.ts; });
    if (from != h.points.begin())
        --from;
    for (auto p = from; p != h.points.end() && p->ts <= m_toMs; ++p) {
        low = std::min(low, toDouble(p->bid));
        high = std::max(high, toDouble(p->ask));
    }
    if (low > high)
        return;
    const double pad = std::max(0.005, (high - low) * 0.1);
    m_low = std::max(0.0, low - pad);
    m_high = std::min(1.0, high + pad);
}

QRect PriceChartView::plotRect() const
{
    const QFontMetrics fm(font());
    const int axis = fm.horizontalAdvance(PriceFormat::price(555'500)) + 10;
    return QRect(axis, kLegendHeight + 2, std::max(1, width() - axis - 8), std::max(1, height() - kLegendHeight - 2 - kAxisHeight));
}

double PriceChartView::xOf(qint64 ms) const
{
    const QRect r = plotRect();
    const double span = double(std::max<qint64>(1, m_toMs - m_fromMs));
    return r.left() + double(ms - m_fromMs) / span * r.width();
}

qint64 PriceChartView::timeAt(double x) const
{
    const QRect r = plotRect();
    return m_fromMs + qint64((x - r.left()) / std::max(1, r.width()) * double(m_toMs - m_fromMs));
}

double PriceChartView::yOf(double price) const
{
    const QRect r = plotRect();
    return r.bottom() - (price - m_low) / std::max(1e-9, m_high - m_low) * r.height();
}

double PriceChartView::priceAt(double y) const
{
    const QRect r = plotRect();
    return m_low + (r.bottom() - y) / std::max(1, r.height()) * (m_high - m_low);
}

QPointF PriceChartView::pointOf(qint64 ms, Fixed price) const
{
    return QPointF(xOf(ms), yOf(toDouble(price)));
}

void PriceChartView::paintEvent(QPaintEvent *)
{
    if (!m_frozen) {
        followClock();
        fitPrices();
    }
    m_dirty = false;
    QPainter p(this);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor faint = text;
    faint.setAlpha(40);
    p.fillRect(rect(), pal.color(QPalette::Window));
    const QRect plot = plotRect();
    p.fillRect(plot, pal.color(QPalette::Base));
    const QFontMetrics fm(font());

    // Legend: the three lines and the signal types.
    {
        int x = plot.left();
        const int y = kLegendHeight / 2 + 1;
        auto item = [&](const QString &name, const QColor &colour, bool marker, Qt::PenStyle style = Qt::SolidLine) {
            if (x + 15 + fm.horizontalAdvance(name) > plot.right())
                return; // a narrow chart shows the legend it has room for
            if (marker) {
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(Qt::NoPen);
                p.setBrush(colour);
                p.drawEllipse(QPointF(x + 5, y), 4, 4);
                p.setRenderHint(QPainter::Antialiasing, false);
            } else {
                p.setPen(QPen(colour, 2, style));
                p.drawLine(x, y, x + 12, y);
            }
            p.setPen(text);
            p.drawText(QRect(x + 15, 0, fm.horizontalAdvance(name) + 2, kLegendHeight + 2), Qt::AlignVCenter, name);
            x += 15 + fm.horizontalAdvance(name) + 10;
        };
        item(tr("Bid"), Themes::bid(), false);
        item(tr("Ask"), Themes::ask(), false);
        QColor mid = text;
        mid.setAlpha(150);
        item(tr("Mid"), mid, false, Qt::DashLine);
        for (int i = 0; i < kSignalTypeCount; ++i)
            item(shortName(SignalType(i)), typeColour(SignalType(i)), true);
        const QString state = m_frozen ? tr("held under the pointer") : !m_follow ? tr("not following · Home") : QString();
        if (!state.isEmpty() && x + fm.horizontalAdvance(state) < plot.right()) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRect(plot.left(), 0, plot.width(), kLegendHeight + 2), Qt::AlignRight | Qt::AlignVCenter, state);
        }
    }

    const auto it = m_history.constFind(m_asset);
    if (it == m_history.cend() || it->points.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(plot, Qt::AlignCenter, tr("The chart fills as the book changes"));
        return;
    }
    const History &h = *it;

    // Grid and price labels, in the chosen unit.
    const double pStep = priceStep(m_high - m_low, std::max(2, plot.height() / (fm.height() * 2)));
    p.setPen(text);
    for (double v = std::ceil(m_low / pStep) * pStep; v <= m_high + 1e-12; v += pStep) {
        const double y = yOf(v);
        p.setPen(faint);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(text);
        p.drawText(QRectF(0, y - fm.height() / 2.0, plot.left() - 5, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   PriceFormat::price(Fixed(std::llround(v * double(kFixedScale)))));
    }
    // Time labels on round times: they move with the clock.
    const int labelWidth = fm.horizontalAdvance(QStringLiteral("00:00:00")) + 16;
    const qint64 tStep = timeStep(m_toMs - m_fromMs, std::max(1, plot.width() / labelWidth));
    const qint64 offset = qint64(QDateTime::currentDateTime().offsetFromUtc()) * 1000;
    const QString format = tStep >= 86'400'000 ? QStringLiteral("MMM d") : tStep >= 60'000 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
    for (qint64 t = ((m_fromMs + offset) / tStep + 1) * tStep - offset; t < m_toMs; t += tStep) {
        const double x = xOf(t);
        p.setPen(faint);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const double half = fm.horizontalAdvance(QDateTime::fromMSecsSinceEpoch(t).toString(format)) / 2.0;
        if (x + half > width() || x - half < plot.left())
            continue; // a label cut by the edge reads as a different time
        p.setPen(text);
        p.drawText(QRectF(x - labelWidth / 2.0, plot.bottom() + 2, labelWidth, kAxisHeight - 2), Qt::AlignCenter,
                   QDateTime::fromMSecsSinceEpoch(t).toString(format));
    }

    p.save();
    p.setClipRect(plot);
    auto first = std::upper_bound(h.points.begin(), h.points.end(), m_fromMs, [](qint64 t, const Point &q) { return t < q.ts; });
    if (first != h.points.begin())
        --first;
    const std::size_t begin = std::size_t(first - h.points.begin());
    std::size_t end = begin;
    while (end < h.points.size() && h.points[end].ts <= m_toMs)
        ++end;

    // Gaps: shaded and labelled, never bridged.
    QColor shade = pal.color(QPalette::Mid);
    shade.setAlpha(70);
    auto shadeGap = [&](qint64 from, qint64 to) {
        const double x0 = std::max<double>(plot.left(), xOf(from)), x1 = std::min<double>(plot.right(), xOf(to));
        if (x1 <= x0)
            return;
        p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), shade);
        if (x1 - x0 > fm.horizontalAdvance(tr("no data")) + 8) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRectF(x0, plot.top() + 4, x1 - x0, fm.height()), Qt::AlignHCenter, tr("no data"));
        }
    };
    for (std::size_t i = begin; i < std::min(end + 1, h.points.size()); ++i)
        if (h.points[i].gapFromMs > 0)
            shadeGap(h.points[i].gapFromMs, h.points[i].ts);
    if (h.brokenAtMs > 0)
        shadeGap(h.brokenAtMs, std::max(m_clockMs, m_toMs));

    // Steps: each price holds until the next point; a gap ends the line.
    auto steps = [&](auto value, const QPen &pen) {
        p.setPen(pen);
        QPolygonF line;
        for (std::size_t i = begin; i < end; ++i) {
            const Point &pt = h.points[i];
            if (pt.gapFromMs > 0 && line.size() > 1) {
                p.drawPolyline(line);
                line.clear();
            } else if (pt.gapFromMs > 0) {
                line.clear();
            }
            const double y = yOf(value(pt));
            const double x0 = xOf(pt.ts), x1 = xOf(stepEndMs(h, i));
            if (!line.isEmpty())
                line << QPointF(x0, line.back().y());
            line << QPointF(x0, y) << QPointF(x1, y);
        }
        if (line.size() > 1)
            p.drawPolyline(line);
    };
    QColor mid = text;
    mid.setAlpha(150);
    steps([](const Point &q) { return toDouble(q.bid); }, QPen(Themes::bid(), 1.6));
    steps([](const Point &q) { return toDouble(q.ask); }, QPen(Themes::ask(), 1.6));
    steps([](const Point &q) { return (toDouble(q.bid) + toDouble(q.ask)) / 2; }, QPen(mid, 1, Qt::DashLine));

    // Events: a thin line across the plot, the type at its foot.
    {
        QColor line = text;
        line.setAlpha(90);
        p.setFont(font());
        const QFontMetrics fm(font());
        // Labels that would overlap go a row up (three rows, then they elide).
        double rowEnd[3] = {-1e9, -1e9, -1e9};
        for (const MarketEvent &e : m_events) {
            if (e.tsMs < m_fromMs || e.tsMs > m_toMs)
                continue;
            const double x = xOf(e.tsMs);
            p.setPen(QPen(line, 1, Qt::DotLine));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            int row = 0;
            while (row < 2 && rowEnd[row] > x)
                ++row;
            const QString label = fm.elidedText(e.type, Qt::ElideRight, 60);
            rowEnd[row] = x + 4 + fm.horizontalAdvance(label);
            p.setPen(text);
            p.drawText(QPointF(x + 2, plot.bottom() - 3 - row * fm.height()), label);
        }
    }

    // Signal markers at the mid when they fired.
    p.setRenderHint(QPainter::Antialiasing);
    for (const Signal &s : h.signals_) {
        if (s.timestampMs < m_fromMs || s.timestampMs > m_toMs)
            continue;
        p.setPen(QPen(pal.color(QPalette::Base), 1.5));
        p.setBrush(typeColour(s.type));
        p.drawEllipse(pointOf(s.timestampMs, s.mid), kMarkerRadius, kMarkerRadius);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    p.restore();

    // Crosshair and what is under it.
    if (plot.contains(m_hover) && !m_dragging)
        Crosshair::draw(p, plot, m_hover, describeAt(m_hover), pal);
}

QString PriceChartView::describeAt(const QPoint &pos) const
{
    const qint64 ms = timeAt(pos.x());
    const QString when = QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
    const auto it = m_history.constFind(m_asset);
    const Point *pt = it == m_history.cend() ? nullptr : pointAt(*it, ms);
    QString event;
    if (const MarketEvent *e = eventNear(pos.x()))
        event = tr("\n%1%2%3").arg(e->type, e->text.isEmpty() ? QString() : QStringLiteral(": "), e->text.left(80));
    if (!pt)
        return tr("%1  no data").arg(when) + event;
    return tr("%1  bid %2  ask %3").arg(when, PriceFormat::price(pt->bid), PriceFormat::price(pt->ask)) + event;
}

void PriceChartView::setEvents(std::vector<MarketEvent> events)
{
    std::stable_sort(events.begin(), events.end(), [](const MarketEvent &a, const MarketEvent &b) { return a.tsMs < b.tsMs; });
    m_events = std::move(events);
    update();
}

const MarketEvent *PriceChartView::eventNear(int x) const
{
    const MarketEvent *best = nullptr;
    double bestDistance = 4;
    for (const MarketEvent &e : m_events) {
        const double d = std::abs(xOf(e.tsMs) - x);
        if (d <= bestDistance) {
            bestDistance = d;
            best = &e;
        }
    }
    return best;
}

const Signal *PriceChartView::signalNear(const QPoint &pos) const
{
    const auto it = m_history.constFind(m_asset);
    if (it == m_history.cend())
        return nullptr;
    const Signal *best = nullptr;
    double bestDistance = kMarkerRadius + 3;
    for (const Signal &s : it->signals_) {
        const QPointF c = pointOf(s.timestampMs, s.mid);
        const double d = std::hypot(c.x() - pos.x(), c.y() - pos.y());
        if (d <= bestDistance) {
            bestDistance = d;
            best = &s;
        }
    }
    return best;
}

void PriceChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        followLive();
        return;
    }
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton)
        return;
    m_dragging = true;
    m_dragFrom = event->position().toPoint();
    m_dragFromMs = m_fromMs;
    m_dragToMs = m_toMs;
    setCursor(Qt::ClosedHandCursor);
}

void PriceChartView::mouseMoveEvent(QMouseEvent *event)
{
    m_hover = event->position().toPoint();
    if (m_dragging) {
        const int dx = m_hover.x() - m_dragFrom.x();
        if (std::abs(dx) > 3)
            stopFollowing();
        if (!m_follow) {
            const qint64 shift = qint64(double(dx) / std::max(1, plotRect().width()) * double(m_dragToMs - m_dragFromMs));
            m_fromMs = m_dragFromMs - shift;
            m_toMs = m_dragToMs - shift;
            fitPrices();
        }
    }
    if (const Signal *s = m_dragging ? nullptr : signalNear(m_hover)) {
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("%1 %2 (%3%) at %4\n%5")
                               .arg(QLatin1String(signalTypeName(s->type)), QLatin1String(signalSideName(s->side)))
                               .arg(s->confidence)
                               .arg(QDateTime::fromMSecsSinceEpoch(s->timestampMs).toString(QStringLiteral("HH:mm:ss")),
                                    QString::fromStdString(s->description)),
                           this);
    } else {
        QToolTip::hideText();
    }
    update();
}

void PriceChartView::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
    unsetCursor();
    update();
}

void PriceChartView::mouseDoubleClickEvent(QMouseEvent *)
{
    followLive();
}

void PriceChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    const double x = double(timeAt(event->position().x())); // the time under the cursor stays put
    const double factor = std::pow(0.8, steps);
    const qint64 newFrom = qint64(x - (x - double(m_fromMs)) * factor);
    const qint64 newTo = qint64(x + (double(m_toMs) - x) * factor);
    if (newTo - newFrom < 5'000)
        return;
    stopFollowing();
    m_fromMs = newFrom;
    m_toMs = newTo;
    fitPrices();
    update();
    event->accept();
}

void PriceChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const qint64 step = (m_toMs - m_fromMs) / 10 * (event->key() == Qt::Key_Left ? -1 : 1);
        stopFollowing();
        m_fromMs += step;
        m_toMs += step;
        fitPrices();
        update();
        return;
    }
    case Qt::Key_Home:
        followLive();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void PriceChartView::enterEvent(QEnterEvent *event)
{
    QWidget::enterEvent(event);
    setFrozen(true);
}

void PriceChartView::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    m_hover = QPoint(-1, -1);
    m_dragging = false;
    setFrozen(false);
    QToolTip::hideText();
}

} // namespace polymon
