#pragma once

#include "book/booklistener.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <vector>

namespace polymon {

// Each token's mid over time as a step series, recorded from the books of a
// replay: a point whenever the mid changes (the state after all of a
// frame's entries), a gap while a side is empty.
// Mids are exact: (bid + ask) / 2 in millionths (every tick the exchange
// uses makes the sum even).
class MidSeries final : public BookListener
{
public:
    struct Point
    {
        std::int64_t tsMs = 0;
        Fixed mid = 0;
    };

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;

    // The mid in force at `tsMs` (the last point at or before it); false
    // before the first point or while the book had an empty side.
    bool midAt(const QString &assetId, std::int64_t tsMs, Fixed &mid) const;
    const std::vector<Point> *series(const QString &assetId) const;
    // The first token of a market seen in the stream (Polymarket and the
    // simulator list the YES token's entry first), or empty.
    QString firstTokenOf(const QString &market) const { return m_firstToken.value(market); }
    QStringList assets() const { return m_series.keys(); }
    std::int64_t firstMs() const noexcept { return m_firstMs; }
    std::int64_t lastMs() const noexcept { return m_lastMs; }

private:
    struct Series
    {
        std::vector<Point> points;
    };
    QHash<QString, Series> m_series;
    QHash<QString, QString> m_firstToken; // market -> token
    std::int64_t m_firstMs = 0;
    std::int64_t m_lastMs = 0;
    static constexpr Fixed kGap = -1; // a point that says "no mid from here"
};

} // namespace polymon
