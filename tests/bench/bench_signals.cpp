// Signal engine cost per book update (baseline + detector + outcomes), and
// backtest precision/recall on seeds the detector was not tuned on.
// Usage: bench_signals [FRAMES]
#include "analysis/signalengine.h"
#include "book/bookstore.h"
#include "protocol/frameparser.h"
#include "replay/backtest.h"
#include "sim/simengine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace polymon;
using Clock = std::chrono::steady_clock;

namespace {

// Times the engine's work for each top: record, then evaluate (flush) at
// once, the worst case (every update evaluated on its own).
class TimedEngine final : public BookListener
{
public:
    explicit TimedEngine(SignalEngine &engine)
        : m_engine(engine)
    {
    }
    std::vector<double> ns;
    void onTop(const AssetBook &asset, std::int64_t ts) override
    {
        const auto t0 = Clock::now();
        m_engine.onTop(asset, ts);
        m_engine.flush();
        ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
    }
    void onTrade(const AssetBook &asset, const LastTradeEvent &e) override { m_engine.onTrade(asset, e); }

private:
    SignalEngine &m_engine;
};

double percentile(std::vector<double> v, double p)
{
    const auto k = std::size_t(p * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

} // namespace

int main(int argc, char **argv)
{
    const long frames = argc > 1 ? std::atol(argv[1]) : 600'000;
    constexpr std::int64_t t0 = 1'767'225'600'000;
    SimEngine sim(31, 50);
    sim.scheduleEpisodes(t0 + 20 * 60'000, t0 + 24 * 3'600'000LL, 3 * 60'000);
    std::vector<std::string> stream;
    stream.reserve(std::size_t(frames) + 100);
    for (const std::string &id : sim.allAssetIds())
        stream.push_back(sim.bookEvent(id, t0));
    for (long i = 0; i < frames; ++i)
        stream.push_back(sim.next(t0 + i * 20).json); // 50 frames/s of exchange time

    SignalEngine engine(SignalSettings{});
    TimedEngine timed(engine);
    BookStore store(&timed);
    FrameParser parser;
    for (const std::string &f : stream)
        parser.parse(f, store);
    engine.finish();
    std::printf("| signal engine per update (baseline + detector + outcomes) | p50 %.0f ns, p99 %.0f ns, max %.1f us | %zu updates, 100 assets, %llu signals |\n",
                percentile(timed.ns, 0.5), percentile(timed.ns, 0.99),
                *std::max_element(timed.ns.begin(), timed.ns.end()) / 1000.0, timed.ns.size(),
                static_cast<unsigned long long>(engine.signalCount()));

    // Backtests on untuned seeds (tuned on 1, 2, 3).
    std::printf("\n| seed | PANIC_SELL p/r | FOMO_BUY p/r | LIQUIDITY_VACUUM p/r | DEPTH_PULL p/r |\n|---|---|---|---|---|\n");
    std::array<BacktestTypeStats, kSignalTypeCount> total{};
    for (quint64 seed = 11; seed <= 20; ++seed) {
        Backtest::Options o;
        o.seed = seed;
        o.hours = 12;
        const BacktestReport r = Backtest::run(o, SignalSettings{});
        std::printf("| %llu |", static_cast<unsigned long long>(seed));
        for (int i = 0; i < kSignalTypeCount; ++i) {
            const BacktestTypeStats &t = r.types[std::size_t(i)];
            std::printf(" %.2f / %.2f |", t.precision(), t.recall());
            total[std::size_t(i)].labels += t.labels;
            total[std::size_t(i)].detectedLabels += t.detectedLabels;
            total[std::size_t(i)].signals += t.signals;
            total[std::size_t(i)].truePositives += t.truePositives;
            total[std::size_t(i)].resolved += t.resolved;
            total[std::size_t(i)].reverted += t.reverted;
        }
        std::printf("\n");
    }
    std::printf("| all 10 |");
    for (const BacktestTypeStats &t : total)
        std::printf(" **%.2f / %.2f** |", t.precision(), t.recall());
    std::printf("\n");
    return 0;
}
