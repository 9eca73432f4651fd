// Backtest cost per recorded market-hour: the simulator's markets with
// scripted episodes written as a raw capture (a frame every 20 ms of
// simulated time over all markets: 50 a second, as the recorder writes them), then
// backtested: signals only, one strategy, and a grid of 4 points over 2
// signal settings (two replays). Best of 3 each.
// usage: bench_backtest [MARKETS] [HOURS]
#include "capture/capturewriter.h"
#include "sim/simengine.h"
#include "strategy/strategybacktest.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace polymon;

namespace {

double bestOf3(const std::string &path, const std::vector<GridPoint> &points, StrategyBacktestResult &result)
{
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
        std::string error;
        const auto start = std::chrono::steady_clock::now();
        if (!StrategyBacktest::run(path, points, result, error)) {
            std::fprintf(stderr, "bench_backtest: %s\n", error.c_str());
            std::exit(1);
        }
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int markets = argc > 1 ? std::atoi(argv[1]) : 50;
    const double hours = argc > 2 ? std::atof(argv[2]) : 2.0;
    if (markets < 1 || hours <= 0) {
        std::fprintf(stderr, "usage: bench_backtest [MARKETS] [HOURS]\n");
        return 2;
    }
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("sim.pmcap")).toStdString();
    std::uint64_t frames = 0;
    {
        SimEngine engine(20261129, markets);
        const std::int64_t t0 = 1'767'225'600'000;
        const std::int64_t end = t0 + std::int64_t(hours * 3'600'000);
        engine.scheduleEpisodes(t0 + 15 * 60'000, end, 3 * 60'000);
        CaptureWriter writer;
        std::string error;
        if (!writer.open(path, t0 * 1'000'000, error))
            return 1;
        for (const std::string &id : engine.allAssetIds())
            writer.writeFrame(0, t0 * 1'000'000, engine.bookEvent(id, t0));
        for (std::int64_t t = t0; t < end; t += 20, ++frames)
            writer.writeFrame(0, t * 1'000'000, engine.next(t).json);
    }
    StrategySettings fade;
    fade.mode = StrategyMode::Fade;
    StrategySettings none;
    none.mode = StrategyMode::None;
    std::vector<GridPoint> signalsOnly, one, grid;
    QString problem;
    SettingsGrid::expand({}, SignalSettings{}, none, signalsOnly, problem);
    SettingsGrid::expand({}, SignalSettings{}, fade, one, problem);
    SettingsGrid::expand({"panic_ask_depth_ratio=2.3,3.2", "hold_s=60,300"}, SignalSettings{}, fade, grid, problem);

    StrategyBacktestResult result;
    const double tSignals = bestOf3(path, signalsOnly, result);
    const double marketHours = result.marketHours;
    const double entries = double(result.signals.entries);
    const double tOne = bestOf3(path, one, result);
    const std::size_t trades = result.trades.front().size();
    const double tGrid = bestOf3(path, grid, result);
    auto row = [&](const char *what, double seconds, int replays, const char *detail) {
        std::printf("| %s | %.1f ms per market-hour | %.2f s for %.0f market-hours, %.2f M entries/s per replay%s |\n", what,
                    seconds * 1000.0 / marketHours, seconds, marketHours, entries * replays / seconds / 1e6, detail);
    };
    std::printf("| recording | %d markets, %.1f h | %llu frames, %.0f entries |\n", markets, hours,
                static_cast<unsigned long long>(frames), entries);
    row("signals and outcomes (`--strategy none`)", tSignals, 1, "");
    char detail[96];
    std::snprintf(detail, sizeof detail, "; %zu trades", trades);
    row("one strategy (`--strategy fade`)", tOne, 1, detail);
    row("grid of 4 points over 2 signal settings (2 replays)", tGrid, 2, "");
    return 0;
}
