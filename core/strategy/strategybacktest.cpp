#include "strategybacktest.h"

#include "replay/replayengine.h"
#include "strategyrun.h"

#include <algorithm>
#include <chrono>
#include <memory>

namespace polymon {


bool StrategyBacktest::run(const std::string &path, const std::vector<GridPoint> &points, StrategyBacktestResult &out,
                           std::string &error, const Progress &progress)
{
    const auto wallStart = std::chrono::steady_clock::now();
    out = StrategyBacktestResult{};
    out.points = points;
    out.trades.resize(points.size());
    out.skips.resize(points.size());
    out.signals.capture = path;
    if (points.empty()) {
        error = "nothing to backtest: the grid is empty";
        return false;
    }
    const int groups = points.back().signalGroup + 1;
    for (int g = 0; g < groups; ++g) {
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (points[i].signalGroup == g)
                members.push_back(i);
        }
        if (members.empty())
            continue;
        StrategyRun run(points[members.front()].signals, g == 0, points.front().strategy.fees);
        ReplayEngine replay(&run);
        if (!replay.loadFile(path, error))
            return false;
        std::vector<std::unique_ptr<SignalTrader>> traders;
        for (std::size_t i : members) {
            traders.push_back(std::make_unique<SignalTrader>(points[i].strategy, replay.store()));
            run.addTrader(traders.back().get());
        }
        if (progress) {
            replay.setProgress([&](double done) { return progress((g + done) / groups); });
            if (!progress(double(g) / groups)) {
                out.cancelled = true;
                return true;
            }
        }
        const ReplaySummary summary = replay.run();
        if (summary.stopped) {
            out.cancelled = true;
            return true;
        }
        run.engine().finish();
        for (std::size_t k = 0; k < members.size(); ++k) {
            traders[k]->finish();
            out.trades[members[k]] = traders[k]->takeTrades();
            out.skips[members[k]] = traders[k]->skips();
        }
        if (g == 0) {
            BacktestReport &r = out.signals;
            r.frames = summary.frames;
            r.entries = summary.entriesApplied;
            r.coverageGaps = summary.coverageGaps;
            r.markets = int(replay.store().size());
            for (const Signal &s : run.outcomes())
                r.types[std::size_t(s.type)].addOutcome(s);
            for (BacktestTypeStats &t : r.types)
                t.finish();
            r.allSignals = std::move(run.outcomes());
            r.quality = run.followUp().quality();
            out.startMs = run.startMs();
            out.endMs = run.endMs();
            out.marketHours = double(r.markets) * double(out.endMs - out.startMs) / 3'600'000.0;
        }
    }
    if (progress)
        progress(1.0);
    out.signals.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return true;
}

} // namespace polymon
