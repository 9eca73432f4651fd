// The liquidity heatmap's drawing budget: an hour of one-second slices
// (60 levels a side, a few trades each) fully visible in a 1200x500 view,
// painted N times offscreen. Prints Markdown rows for BENCHMARKS.md: paint
// time p50 / p99 / max (target p99 < 8 ms) and the history's memory.
#include "heatmapview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QRandomGenerator>
#include <QWheelEvent>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace polymon;

namespace {
double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size() - 1) + 0.5))];
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int paints = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    constexpr int kSlices = 3600, kLevels = 60;
    DepthHistory history(1000, kSlices);
    QRandomGenerator rng(20261129);
    Fixed mid = 500'000;
    const std::int64_t t0 = 1'790'000'000'000;
    for (int s = 0; s < kSlices; ++s) {
        mid = std::clamp<Fixed>(mid + 10'000 * (int(rng.bounded(3)) - 1), 200'000, 800'000);
        QVector<PriceLevel> bids, asks;
        for (int i = 0; i < kLevels; ++i) {
            bids.append({mid - 10'000 * (i + 1), Fixed(rng.bounded(1, 5000)) * kFixedScale});
            asks.append({mid + 10'000 * (i + 1), Fixed(rng.bounded(1, 5000)) * kFixedScale});
        }
        if (s % 600 == 300)
            history.breakHere(); // a reconnect every ten minutes
        history.addBook(t0 + s * 1000, bids, asks);
        for (int k = 0; k < 3; ++k)
            history.addTrade(t0 + s * 1000 + 500, mid + (k % 2 ? 10'000 : -10'000), Fixed(rng.bounded(1, 500)) * kFixedScale,
                             k % 2 ? Side::Buy : Side::Sell);
    }
    HeatmapView view;
    view.resize(1200, 500);
    view.setHistory(&history);
    view.show();
    // A whole hour across the plot: about a third of a pixel per slice.
    for (int i = 0; i < 8; ++i) {
        QWheelEvent out(QPointF(100, 100), QPointF(100, 100), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                        Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &out);
    }
    std::vector<double> ms;
    ms.reserve(std::size_t(paints));
    QImage target(view.size(), QImage::Format_RGB32);
    for (int i = 0; i < paints; ++i) {
        view.render(&target); // runs paintEvent, which times itself
        ms.push_back(view.lastPaintMs());
    }
    std::size_t levels = 0;
    for (const HeatColumn &c : history.columns())
        levels += std::size_t(c.bids.size() + c.asks.size());
    const double mb = double(levels * sizeof(PriceLevel) + history.columns().size() * sizeof(HeatColumn)) / 1e6;
    std::printf("| heatmap paint, an hour visible (3,600 slices x 120 levels, %d paints at 1200x500) | p50 %.2f / p99 %.2f / max %.2f ms | target p99 < 8 ms |\n",
                paints, percentile(ms, 0.5), percentile(ms, 0.99), percentile(ms, 1.0));
    std::printf("| heatmap history, one outcome, an hour | %.1f MB | bounded to 3,600 slices (the oldest go first) |\n", mb);
    return 0;
}
