#pragma once

#include "book/assetbook.h"

#include <algorithm>
#include <cstdint>

namespace polymon {

// A quiet market and a dead feed look the same from one asset (protocol.md
// pitfall 1). An asset silent far longer than its own usual gap between
// updates is flagged for the user; it is not resubscribed in a loop (the
// connection's idle watchdog covers a feed that went silent as a whole).
struct Quietness
{
    static constexpr std::int64_t kMinQuietMs = 120'000; // never flag less than two minutes
    static constexpr std::int64_t kGapFactor = 20;      // ...or twenty usual gaps
    static constexpr std::uint64_t kMinUpdates = 10;    // too few updates: no usual gap yet

    std::int64_t silentMs = 0;
    std::int64_t usualGapMs = 0; // 0: not known yet
    bool quiet = false;

    static Quietness evaluate(const AssetBook &a, std::int64_t nowMs) noexcept
    {
        Quietness q;
        if (!a.synced() || a.lastUpdateMs <= 0)
            return q;
        q.silentMs = std::max<std::int64_t>(0, nowMs - a.lastUpdateMs);
        if (a.updates >= kMinUpdates && a.lastUpdateMs > a.firstUpdateMs)
            q.usualGapMs = (a.lastUpdateMs - a.firstUpdateMs) / std::int64_t(a.updates - 1);
        q.quiet = q.usualGapMs > 0 && q.silentMs > std::max(kMinQuietMs, kGapFactor * q.usualGapMs);
        return q;
    }
};

} // namespace polymon
