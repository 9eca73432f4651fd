#include "midseries.h"

#include "book/assetbook.h"

#include <algorithm>

namespace polymon {

void MidSeries::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    const QString id = QString::fromStdString(asset.assetId);
    if (!asset.market.empty()) {
        const QString market = QString::fromStdString(asset.market);
        if (!m_firstToken.contains(market))
            m_firstToken.insert(market, id);
    }
    if (m_firstMs == 0 || timestampMs < m_firstMs)
        m_firstMs = timestampMs;
    m_lastMs = std::max(m_lastMs, timestampMs);
    Series &s = m_series[id];
    const bool both = asset.book.hasBid() && asset.book.hasAsk();
    const Fixed mid = both ? (asset.book.bestBid() + asset.book.bestAsk()) / 2 : kGap;
    if (!s.points.empty() && timestampMs < s.points.back().tsMs)
        timestampMs = s.points.back().tsMs; // never back in time
    // The entries of one frame share its stamp: only the state after them
    // counts (a level moved is removed then added, an empty side between).
    if (!s.points.empty() && s.points.back().tsMs == timestampMs) {
        s.points.back().mid = mid;
        if (s.points.size() > 1 && s.points[s.points.size() - 2].mid == mid)
            s.points.pop_back();
        return;
    }
    if (!s.points.empty() && s.points.back().mid == mid)
        return;
    s.points.push_back({timestampMs, mid});
}

bool MidSeries::midAt(const QString &assetId, std::int64_t tsMs, Fixed &mid) const
{
    const auto it = m_series.constFind(assetId);
    if (it == m_series.cend() || it->points.empty())
        return false;
    const std::vector<Point> &p = it->points;
    // The last point at or before tsMs.
    auto after = std::upper_bound(p.begin(), p.end(), tsMs, [](std::int64_t t, const Point &q) { return t < q.tsMs; });
    if (after == p.begin())
        return false;
    mid = std::prev(after)->mid;
    return mid != kGap;
}

const std::vector<MidSeries::Point> *MidSeries::series(const QString &assetId) const
{
    const auto it = m_series.constFind(assetId);
    return it == m_series.cend() ? nullptr : &it->points;
}

} // namespace polymon
