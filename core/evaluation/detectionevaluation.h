#pragma once

#include "analysis/signalquality.h"
#include "analysis/signalsettings.h"
#include "detectionscore.h"
#include "flowstream.h"

#include <cstdint>
#include <vector>

namespace polymon {

// The detector on a FlowStream: its frames through the real parser, book
// store and signal engine in the stream's own time (no sockets), scored
// against the injected episodes.
class DetectionEvaluation final
{
public:
    struct Result
    {
        DetectionReport report;
        std::vector<Signal> signals;
        SignalQuality quality; // does it pay: moves, reverted, touch-to-touch PnL net of the backtest's default taker fee
        std::uint64_t frames = 0;
        std::uint64_t parseErrors = 0;
        double wallSeconds = 0.0;
    };

    static Result run(const FlowStream::Options &options, const SignalSettings &settings);
};

} // namespace polymon
