#include "flowstream.h"

#include <cmath>
#include <queue>

namespace polymon {

namespace {

double logUniform(std::mt19937_64 &rng, double lo, double hi)
{
    std::uniform_real_distribution<double> u(std::log(lo), std::log(hi));
    return std::exp(u(rng));
}

} // namespace

FlowStream::FlowStream(const Options &options)
    : m_options(options)
{
    std::mt19937_64 rng(options.seed * 0x9E3779B97F4A7C15ULL + 17);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int i = 0; i < options.markets; ++i) {
        const std::string id = std::to_string(options.seed) + "-" + std::to_string(i);
        const FlowProfile profile = FlowProfile::draw(rng);
        auto market = std::make_unique<FlowMarket>("0xeval" + id, "eval-yes-" + id, "eval-no-" + id, profile, rng(),
                                                   options.startMs);
        std::int64_t t = options.startMs + options.warmupMs + std::int64_t(u(rng) * double(options.episodeEveryMs));
        while (true) {
            FlowEpisode e;
            e.type = FlowEpisode::Type(int(u(rng) * 4.0) % 4);
            e.startMs = t;
            const bool pull = e.type == FlowEpisode::Type::Pull;
            e.onsetMs = std::int64_t(logUniform(rng, 200.0, pull ? 3'000.0 : 5'000.0));
            e.holdMs = std::int64_t(pull ? 5'000 + u(rng) * 10'000 : 10'000 + u(rng) * 30'000);
            e.decayMs = std::int64_t(30'000 + u(rng) * 60'000);
            e.magnitude = logUniform(rng, 1.5, 6.0);
            // design.md: a panic widens the spread by definition; a FOMO may or may not.
            e.spreadChange = e.type == FlowEpisode::Type::Panic || u(rng) < 0.5;
            e.pullBids = u(rng) < 0.5;
            if (e.endMs() >= endMs())
                break;
            market->addEpisode(e);
            m_labels.push_back(FlowLabel{market->conditionId(), market->yesToken(), market->noToken(), e});
            // Calm in between: at least a minute, about episodeEveryMs from start to start.
            t = std::max(e.endMs() + 60'000, t + std::int64_t(options.episodeEveryMs * (0.6 + 0.8 * u(rng))));
        }
        m_markets.push_back(std::move(market));
    }
}

FlowStream::~FlowStream() = default;

std::uint64_t FlowStream::run(const std::function<void(const std::string &)> &frame)
{
    std::uint64_t n = 0;
    for (const auto &m : m_markets) {
        for (const std::string &f : m->bookFrames(m_options.startMs)) {
            frame(f);
            ++n;
        }
    }
    using Entry = std::pair<std::int64_t, std::size_t>; // next event time, market
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    for (std::size_t i = 0; i < m_markets.size(); ++i)
        queue.emplace(m_markets[i]->nextEventMs(), i);
    std::vector<std::string> frames;
    const std::int64_t end = endMs();
    while (!queue.empty() && queue.top().first < end) {
        const std::size_t i = queue.top().second;
        queue.pop();
        frames.clear();
        m_markets[i]->step(frames);
        for (const std::string &f : frames)
            frame(f);
        n += frames.size();
        queue.emplace(m_markets[i]->nextEventMs(), i);
    }
    return n;
}

} // namespace polymon
