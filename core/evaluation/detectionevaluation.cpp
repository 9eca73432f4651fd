#include "detectionevaluation.h"

#include "book/bookstore.h"
#include "protocol/frameparser.h"
#include "strategy/strategyrun.h"

#include <algorithm>
#include <chrono>

namespace polymon {

DetectionEvaluation::Result DetectionEvaluation::run(const FlowStream::Options &options, const SignalSettings &settings)
{
    const auto start = std::chrono::steady_clock::now();
    Result result;
    FlowStream stream(options);
    // The engine with its follow-up (does it pay); every signal comes back
    // as an outcome when the run finishes.
    StrategyRun run(settings, true, StrategySettings{}.fees);
    BookStore store(&run);
    FrameParser parser;
    result.frames = stream.run([&](const std::string &frame) { parser.parse(frame, store); });
    run.engine().finish();
    result.parseErrors = parser.stats().errors;
    result.signals = std::move(run.outcomes());
    std::stable_sort(result.signals.begin(), result.signals.end(),
                     [](const Signal &a, const Signal &b) { return a.id < b.id; });
    result.report = DetectionScore::score(stream, result.signals);
    result.quality = run.followUp().quality();
    result.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace polymon
