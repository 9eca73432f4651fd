#include "simwarmup.h"

#include "analysis/signalengine.h"
#include "book/bookstore.h"
#include "protocol/frameparser.h"
#include "simengine.h"

#include <algorithm>

namespace polymon {

std::uint64_t SimWarmup::run(SignalEngine &engine, quint64 seed, int markets, double framesPerSecond,
                             std::int64_t fromMs, std::int64_t toMs)
{
    // A twin of the exchange's engine: same seed, so the same token ids.
    SimEngine sim(seed, markets);
    BookStore store(&engine);
    FrameParser parser;
    engine.setLearnOnly(true);
    for (const std::string &id : sim.allAssetIds())
        parser.parse(sim.bookEvent(id, fromMs), store);
    const double stepMs = 1000.0 / std::max(0.1, framesPerSecond);
    std::uint64_t frames = 0;
    for (double clock = double(fromMs); clock < double(toMs); clock += stepMs) {
        parser.parse(sim.next(std::int64_t(clock)).json, store);
        ++frames;
    }
    engine.setLearnOnly(false);
    return frames;
}

} // namespace polymon
