#include "heatmapview.h"
#include "priceformat.h"

#include "crosshair.h"
#include "themes.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace polymon {

namespace {
constexpr int kAxisWidth = 46;  // price labels on the right
constexpr int kAxisHeight = 18; // time labels at the bottom

QColor blend(const QColor &base, const QColor &hue, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(base.redF() + (hue.redF() - base.redF()) * t),
                            float(base.greenF() + (hue.greenF() - base.greenF()) * t),
                            float(base.blueF() + (hue.blueF() - base.blueF()) * t));
}
} // namespace

HeatmapView::HeatmapView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(200, 80);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Resting size by price and time. Wheel: zoom time (Shift: price); drag: pan; double-click: follow live"));
}

void HeatmapView::setHistory(const DepthHistory *history)
{
    m_history = history;
    m_paintedColumns = 0;
    m_paintedLastMs = -1;
    update();
}

void HeatmapView::setTick(Fixed tick)
{
    if (tick > 0 && tick != m_tick) {
        m_tick = tick;
        update();
    }
}

void HeatmapView::setCutoffs(double lowerPercentile, double upperPercentile)
{
    m_lowerPct = std::clamp(lowerPercentile, 0.0, 100.0);
    m_upperPct = std::clamp(upperPercentile, m_lowerPct, 100.0);
    update();
}

void HeatmapView::setMinTradeSize(Fixed shares)
{
    m_minTrade = shares;
    update();
}

void HeatmapView::setFollowLive(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    update();
    Q_EMIT followLiveChanged(follow);
}

void HeatmapView::addSignalMarker(std::int64_t ms, const QString &label, const QColor &colour)
{
    m_markers.append(Marker{ms, label, colour});
    if (m_markers.size() > 500)
        m_markers.remove(0, m_markers.size() - 500);
    update();
}

void HeatmapView::setEvents(std::vector<MarketEvent> events)
{
    std::stable_sort(events.begin(), events.end(), [](const MarketEvent &a, const MarketEvent &b) { return a.tsMs < b.tsMs; });
    m_events = std::move(events);
    update();
}

void HeatmapView::clearMarkers()
{
    m_markers.clear();
    update();
}

void HeatmapView::refresh()
{
    if (!isVisible() || !m_history)
        return;
    if (m_history->columns().size() != m_paintedColumns || m_history->lastMs() != m_paintedLastMs || m_follow)
        update();
}

QRect HeatmapView::plotRect() const
{
    return QRect(0, 0, std::max(1, width() - kAxisWidth), std::max(1, height() - kAxisHeight));
}

void HeatmapView::followEdges()
{
    if (!m_follow || !m_history || m_history->empty())
        return;
    const HeatColumn &last = m_history->columns().back();
    m_endMs = std::max(last.startMs + m_history->sliceMs(), m_clockMs);
    // Keep the touch in the middle third; recentre only when it leaves it.
    for (auto it = m_history->columns().rbegin(); it != m_history->columns().rend(); ++it) {
        if (!it->hasBook)
            continue;
        const Fixed mid = it->bestBid > 0 && it->bestAsk > 0 ? (it->bestBid + it->bestAsk) / 2
                                                             : std::max(it->bestBid, it->bestAsk);
        const double y = yOfPrice(mid);
        const QRect r = plotRect();
        if (mid > 0 && (y < r.height() / 3.0 || y > r.height() * 2.0 / 3.0))
            m_centre = mid - mid % m_tick;
        break;
    }
}

std::int64_t HeatmapView::timeAtX(double x) const
{
    const double slices = (plotRect().width() - x) / m_pxPerSlice;
    return m_endMs - std::int64_t(slices * double(m_history ? m_history->sliceMs() : 1000));
}

double HeatmapView::xOfTime(std::int64_t ms) const
{
    const double slice = double(m_history ? m_history->sliceMs() : 1000);
    return plotRect().width() - double(m_endMs - ms) / slice * m_pxPerSlice;
}

Fixed HeatmapView::priceAtY(double y) const
{
    const double ticks = (plotRect().height() / 2.0 - y) / m_pxPerTick;
    const Fixed p = m_centre + Fixed(std::llround(ticks)) * m_tick;
    return p;
}

double HeatmapView::yOfPrice(Fixed price) const
{
    return plotRect().height() / 2.0 - double(price - m_centre) / double(m_tick) * m_pxPerTick;
}

void HeatmapView::paintEvent(QPaintEvent *)
{
    QElapsedTimer timer;
    timer.start();
    QPainter p(this);
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    p.fillRect(rect(), pal.color(QPalette::Window));
    const QRect plot = plotRect();
    p.fillRect(plot, base);
    if (!m_history || m_history->empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(plot, Qt::AlignCenter, tr("The heatmap fills as the book changes"));
        return;
    }
    followEdges();
    const std::int64_t slice = m_history->sliceMs();
    // Zoomed out below a pixel per slice, a column stands for several slices
    // (the last book of the group, all its trades): work stays per pixel.
    const int stride = std::max(1, int(std::floor(1.0 / m_pxPerSlice)));
    const std::int64_t group = slice * stride;
    const double pxPerColumn = m_pxPerSlice * stride;
    const int cols = std::max(1, int(std::ceil(plot.width() / pxPerColumn)));
    const int rows = std::max(1, int(std::ceil(plot.height() / m_pxPerTick)));
    const Fixed topPrice = priceAtY(0);
    const std::int64_t firstMs = m_endMs - std::int64_t(cols) * group;

    // The book of each column on screen (DepthHistory::spans: quiet books
    // carried, gaps left empty and shaded).
    const std::vector<HeatSpan> spans = m_history->spans(firstMs, group, cols);
    const auto &all = m_history->columns();
    std::vector<const HeatColumn *> shown(std::size_t(cols), nullptr);
    for (int c = 0; c < cols; ++c)
        shown[std::size_t(c)] = spans[std::size_t(c)].book;
    // Cut-offs: percentiles of the sizes on screen (a sample of at most 20,000).
    std::vector<Fixed> sizes;
    const Fixed bottomPrice = topPrice - Fixed(rows) * m_tick;
    std::size_t onScreen = 0;
    for (const HeatColumn *col : shown)
        if (col)
            onScreen += std::size_t(col->bids.size() + col->asks.size());
    const std::size_t sampleEvery = std::max<std::size_t>(1, onScreen / 20'000);
    std::size_t n = 0;
    // Levels are best first: bids fall and asks rise, so each side stops at
    // the edge of the screen.
    auto forVisible = [&](const HeatColumn &col, auto &&fn) {
        for (const PriceLevel &l : col.bids) {
            if (l.price <= bottomPrice)
                break;
            if (l.price <= topPrice)
                fn(l, true);
        }
        for (const PriceLevel &l : col.asks) {
            if (l.price > topPrice)
                break;
            if (l.price > bottomPrice)
                fn(l, false);
        }
    };
    for (const HeatColumn *col : shown) {
        if (col)
            forVisible(*col, [&](const PriceLevel &l, bool) {
                if (n++ % sampleEvery == 0)
                    sizes.push_back(l.size);
            });
    }
    double lo = 1, hi = 2;
    if (!sizes.empty()) {
        auto pct = [&sizes](double q) {
            const std::size_t k = std::min(sizes.size() - 1, std::size_t(q / 100.0 * double(sizes.size() - 1)));
            std::nth_element(sizes.begin(), sizes.begin() + std::ptrdiff_t(k), sizes.end());
            return double(sizes[k]);
        };
        lo = std::max(1.0, pct(m_lowerPct));
        hi = std::max(lo * 1.01, pct(m_upperPct));
    }
    const double logLo = std::log(lo), logSpan = std::log(hi) - std::log(lo);

    // One pixel per (column, tick) from a 64-step colour ramp per side,
    // written straight into the scan lines, then scaled without smoothing.
    constexpr int kSteps = 64;
    const QColor bidHue = Themes::bid(), askHue = Themes::ask();
    QRgb bidRamp[kSteps], askRamp[kSteps];
    for (int i = 0; i < kSteps; ++i) {
        const double t = 0.12 + 0.88 * double(i) / (kSteps - 1);
        bidRamp[i] = blend(base, bidHue, t).rgb();
        askRamp[i] = blend(base, askHue, t).rgb();
    }
    if (m_image.width() != cols || m_image.height() != rows)
        m_image = QImage(cols, rows, QImage::Format_RGB32); // kept between paints: no fresh pages each time
    QImage &image = m_image;
    image.fill(base);
    uchar *const bits = image.bits();
    const qsizetype stride8 = image.bytesPerLine();
    for (int c = 0; c < cols; ++c) {
        const HeatColumn *col = shown[std::size_t(c)];
        if (!col)
            continue;
        forVisible(*col, [&](const PriceLevel &l, bool bid) {
            const Fixed fromTop = topPrice - l.price;
            if (fromTop % m_tick != 0)
                return;
            const int row = int(fromTop / m_tick);
            if (row >= rows)
                return;
            const double t = (std::log(std::max(1.0, double(l.size))) - logLo) / logSpan;
            const int step = std::clamp(int(t * (kSteps - 1) + 0.5), 0, kSteps - 1);
            reinterpret_cast<QRgb *>(bits + row * stride8)[c] = (bid ? bidRamp : askRamp)[step];
        });
    }
    const double left = plot.width() - cols * pxPerColumn;
    p.drawImage(QRectF(left, 0, cols * pxPerColumn, rows * m_pxPerTick), image);

    // Gaps: shaded, labelled by the crosshair, never interpolated.
    QColor unknown = pal.color(QPalette::Mid);
    unknown.setAlpha(255);
    const QColor gapShade = blend(base, unknown, 0.35);
    for (int c = 0; c < cols;) {
        if (!spans[std::size_t(c)].gap) {
            ++c;
            continue;
        }
        int end = c;
        while (end < cols && spans[std::size_t(end)].gap)
            ++end;
        p.fillRect(QRectF(left + c * pxPerColumn, 0, (end - c) * pxPerColumn + 0.5, plot.height()), gapShade);
        c = end;
    }
    // The touch as steps: one polyline per side and stretch without a gap.
    auto touch = [&](bool bid, const QColor &colour) {
        // A one-pixel cosmetic pen takes the fast path; wide pens are stroked.
        QPen pen(colour, pxPerColumn >= 2 ? 2 : 1);
        pen.setCosmetic(true);
        p.setPen(pen);
        QPolygonF line;
        auto flush = [&] {
            if (line.size() > 1)
                p.drawPolyline(line);
            line.clear();
        };
        for (int c = 0; c < cols; ++c) {
            const HeatColumn *col = shown[std::size_t(c)];
            const Fixed price = col ? (bid ? col->bestBid : col->bestAsk) : 0;
            if (price <= 0) {
                flush();
                continue;
            }
            const double x0 = left + c * pxPerColumn, y = yOfPrice(price);
            if (!line.isEmpty() && line.back().y() != y)
                line << QPointF(x0, line.back().y());
            line << QPointF(x0, y) << QPointF(x0 + pxPerColumn, y);
        }
        flush();
    };
    touch(true, bidHue);
    touch(false, askHue);
    // Trades: one bubble per column, price and aggressor (sizes summed), area by size.
    struct Bubble
    {
        double x;
        Fixed price;
        Fixed size;
        Side aggressor;
    };
    std::vector<Bubble> bubbles;
    for (int c = 0; c < cols; ++c) {
        const std::size_t from = spans[std::size_t(c)].from, to = spans[std::size_t(c)].to;
        const std::size_t start = bubbles.size();
        for (std::size_t i = from; i < to; ++i) {
            for (const HeatTrade &t : all[i].trades) {
                auto same = std::find_if(bubbles.begin() + std::ptrdiff_t(start), bubbles.end(), [&](const Bubble &b) {
                    return b.price == t.price && b.aggressor == t.aggressor;
                });
                if (same == bubbles.end())
                    bubbles.push_back(Bubble{left + (c + 0.5) * pxPerColumn, t.price, t.size, t.aggressor});
                else
                    same->size += t.size;
            }
        }
    }
    Fixed maxTrade = 1;
    for (const Bubble &b : bubbles)
        maxTrade = std::max(maxTrade, b.size);
    // Zoomed far out, the largest trades are what can be seen: draw those.
    constexpr std::size_t kMaxBubbles = 300;
    if (bubbles.size() > kMaxBubbles) {
        std::nth_element(bubbles.begin(), bubbles.begin() + kMaxBubbles, bubbles.end(),
                         [](const Bubble &a, const Bubble &b) { return a.size > b.size; });
        bubbles.resize(kMaxBubbles);
    }
    p.setRenderHint(QPainter::Antialiasing, bubbles.size() <= 200);
    QColor buyFill = bidHue, sellFill = askHue;
    buyFill.setAlpha(150);
    sellFill.setAlpha(150);
    const QPen buyPen(bidHue.darker(130), 1), sellPen(askHue.darker(130), 1);
    for (const Bubble &b : bubbles) {
        if (b.size < m_minTrade)
            continue;
        const double y = yOfPrice(b.price);
        if (y < -10 || y > plot.height() + 10)
            continue;
        const double r = 2.0 + 9.0 * std::sqrt(double(b.size) / double(maxTrade));
        const bool buy = b.aggressor == Side::Buy;
        p.setPen(buy ? buyPen : sellPen);
        p.setBrush(buy ? buyFill : sellFill);
        p.drawEllipse(QPointF(b.x, y), r, r);
    }
    p.setRenderHint(QPainter::Antialiasing);
    // Signal markers.
    for (const Marker &m : std::as_const(m_markers)) {
        const double x = xOfTime(m.ms);
        if (x < 0 || x > plot.width())
            continue;
        p.setPen(QPen(m.colour, 1, Qt::DashLine));
        p.drawLine(QPointF(x, 0), QPointF(x, plot.height()));
        p.setBrush(m.colour);
        p.setPen(Qt::NoPen);
        p.drawPolygon(QPolygonF({QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 8)}));
    }
    // The Timeline's events: dotted lines, their type at the foot (one label where they crowd).
    {
        QColor ink = pal.color(QPalette::Text);
        ink.setAlpha(170);
        const QFontMetrics small(font());
        double labelledUntil = -1e9;
        for (const MarketEvent &e : m_events) {
            const double x = xOfTime(e.tsMs);
            if (x < 0 || x > plot.width())
                continue;
            p.setPen(QPen(ink, 1, Qt::DotLine));
            p.drawLine(QPointF(x, 0), QPointF(x, plot.height()));
            if (x < labelledUntil)
                continue;
            const QString label = small.elidedText(e.type, Qt::ElideRight, 90);
            QRectF box(x + 2, plot.height() - small.height() - 2, small.horizontalAdvance(label) + 6, small.height());
            if (box.right() > plot.width()) // at the live edge: the label goes left of its line
                box.moveRight(x - 2);
            p.fillRect(box, pal.color(QPalette::Base));
            p.setPen(ink);
            p.drawText(box, Qt::AlignCenter, label);
            labelledUntil = box.right() + 4;
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);

    // Axes: prices every few ticks on the right, times along the bottom.
    p.setPen(pal.color(QPalette::Text));
    const QFontMetrics fm(font());
    const int every = std::max(1, int(std::ceil((fm.height() + 4) / m_pxPerTick)));
    for (int r = 0; r < rows; r += every) {
        const Fixed price = topPrice - Fixed(r) * m_tick;
        if (price <= 0 || price >= kFixedScale)
            continue;
        const double y = yOfPrice(price);
        p.drawText(QRectF(plot.right() + 4, y - fm.height() / 2.0, kAxisWidth - 6, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   PriceFormat::price(price));
    }
    const int labelWidth = fm.horizontalAdvance(QStringLiteral("00:00:00")) + 16;
    for (int x = plot.width() - labelWidth / 2; x > labelWidth / 2; x -= labelWidth) {
        const QString text = QDateTime::fromMSecsSinceEpoch(timeAtX(x)).toString(QStringLiteral("HH:mm:ss"));
        p.drawText(QRectF(x - labelWidth / 2.0, plot.bottom() + 2, labelWidth, kAxisHeight - 2), Qt::AlignCenter, text);
    }
    // Crosshair and what is under it.
    if (plot.contains(m_hover))
        Crosshair::draw(p, plot, m_hover, describeAt(m_hover), pal);
    m_paintedColumns = m_history->columns().size();
    m_paintedLastMs = m_history->lastMs();
    m_lastPaintMs = double(timer.nsecsElapsed()) / 1e6;
}

QPoint HeatmapView::pointOf(std::int64_t ms, Fixed price) const
{
    return QPointF(xOfTime(ms), yOfPrice(price)).toPoint();
}

QString HeatmapView::describeAt(const QPoint &pos) const
{
    if (!m_history)
        return {};
    const std::int64_t ms = timeAtX(pos.x());
    const Fixed price = priceAtY(pos.y());
    const QString when = QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
    QString events;
    for (const MarketEvent &e : m_events)
        if (std::abs(xOfTime(e.tsMs) - pos.x()) <= 4)
            events += tr(" · %1 %2").arg(e.type, e.text.left(60));
    const HeatColumn *col = m_history->bookAt(ms);
    if (!col)
        return tr("%1  %2  no data").arg(when, PriceFormat::price(price)) + events;
    const HeatColumn *slice = m_history->columnAt(ms);
    Fixed size = 0;
    QString side;
    for (const PriceLevel &l : col->bids)
        if (l.price == price) {
            size = l.size;
            side = tr("bid");
        }
    for (const PriceLevel &l : col->asks)
        if (l.price == price) {
            size = l.size;
            side = tr("ask");
        }
    Fixed traded = 0;
    if (slice)
        for (const HeatTrade &t : slice->trades)
            if (t.price == price)
                traded += t.size;
    QString text = tr("%1  %2  ").arg(when, PriceFormat::price(price));
    text += size > 0 ? tr("%1 %2").arg(side, QString::fromStdString(formatFixed(size))) : tr("empty");
    if (traded > 0)
        text += tr(" · traded %1").arg(QString::fromStdString(formatFixed(traded)));
    return text + events;
}

void HeatmapView::wheelEvent(QWheelEvent *event)
{
    const double factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
    if (event->modifiers() & Qt::ShiftModifier)
        m_pxPerTick = std::clamp(m_pxPerTick * factor, 2.0, 40.0);
    else
        m_pxPerSlice = std::clamp(m_pxPerSlice * factor, 0.25, 40.0);
    update();
    event->accept();
}

void HeatmapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_dragFrom = event->position().toPoint();
    m_dragEndMs = m_endMs;
    m_dragCentre = m_centre;
}

void HeatmapView::mouseMoveEvent(QMouseEvent *event)
{
    m_hover = event->position().toPoint();
    if (m_dragging) {
        const QPoint d = m_hover - m_dragFrom;
        if (d.manhattanLength() > 3)
            setFollowLive(false);
        const std::int64_t slice = m_history ? m_history->sliceMs() : 1000;
        m_endMs = m_dragEndMs - std::int64_t(double(d.x()) / m_pxPerSlice * double(slice));
        m_centre = m_dragCentre + Fixed(std::llround(d.y() / m_pxPerTick)) * m_tick;
    }
    update();
}

void HeatmapView::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
}

void HeatmapView::mouseDoubleClickEvent(QMouseEvent *)
{
    setFollowLive(true);
}

void HeatmapView::leaveEvent(QEvent *)
{
    m_hover = QPoint(-1, -1);
    update();
}

} // namespace polymon
