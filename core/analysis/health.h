#pragma once

#include "book/bookmetrics.h"
#include "signalsettings.h"

#include <cstdint>

namespace polymon {

// The seed health rules: fresh, spread under the limit, enough depth on each
// side within the band. Unhealthy books never fire trade signals.
struct Health
{
    bool fresh = false;
    bool spreadOk = false;
    bool depthOk = false;

    bool healthy() const noexcept { return fresh && spreadOk && depthOk; }

    static Health evaluate(const BookMetrics &m, std::int64_t lastUpdateMs, std::int64_t nowMs,
                           const SignalSettings &s) noexcept
    {
        Health h;
        h.fresh = nowMs - lastUpdateMs <= s.freshnessMs;
        h.spreadOk = m.twoSided() && m.spread < s.healthyMaxSpread;
        h.depthOk = m.bandBidDepth > s.healthyMinDepth && m.bandAskDepth > s.healthyMinDepth;
        return h;
    }
};

} // namespace polymon
