#pragma once

#include <QtGlobal>

#include <cstdint>

namespace polymon {

class SignalEngine;

// Teaches a signal engine the simulated markets' normal state before the
// simulated exchange opens: the same seed's order flow over a span of
// simulated past, in learn-only mode, so baselines are warm and signals can
// fire from the first minute instead of after 10. Simulation only: a live
// feed warms from recorded snapshots (Recorder::seedBaselines) or waits.
class SimWarmup final
{
public:
    // Frames over [fromMs, toMs) at framesPerSecond; returns how many.
    static std::uint64_t run(SignalEngine &engine, quint64 seed, int markets, double framesPerSecond,
                             std::int64_t fromMs, std::int64_t toMs);
};

} // namespace polymon
