#include "detectionevaluation.h"

#include "analysis/signalengine.h"
#include "book/bookstore.h"
#include "protocol/frameparser.h"

#include <chrono>

namespace polymon {

namespace {

class Collector final : public SignalListener
{
public:
    std::vector<Signal> fired;
    void onSignal(const Signal &s) override { fired.push_back(s); }
};

} // namespace

DetectionEvaluation::Result DetectionEvaluation::run(const FlowStream::Options &options, const SignalSettings &settings)
{
    const auto start = std::chrono::steady_clock::now();
    Result result;
    FlowStream stream(options);
    Collector collector;
    SignalEngine engine(settings, &collector);
    BookStore store(&engine);
    FrameParser parser;
    result.frames = stream.run([&](const std::string &frame) { parser.parse(frame, store); });
    engine.finish();
    result.parseErrors = parser.stats().errors;
    result.report = DetectionScore::score(stream, collector.fired);
    result.signals = std::move(collector.fired);
    result.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace polymon
