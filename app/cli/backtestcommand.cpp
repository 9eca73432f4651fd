#include "clicommon.h"
#include "commands.h"

#include "replay/backtest.h"
#include "strategy/strategybacktest.h"
#include "strategy/strategyjson.h"
#include "strategy/walkforward.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace polymon::cli {

namespace {

// True after printing the error, when there is one (exit 1).
bool printedError(const std::string &error)
{
    if (error.empty())
        return false;
    std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
    return true;
}

void printJson(const QJsonObject &report)
{
    std::puts(QJsonDocument(report).toJson(QJsonDocument::Compact).constData());
}

// Dollars to the cent for the table (the JSON keeps every micro-dollar).
QString money(Fixed microUsdc)
{
    return QString::fromStdString(formatFixedRounded(microUsdc, 2));
}

void printSignalTable(const BacktestReport &report)
{
    std::printf("%-17s %7s %9s %10s %11s %11s\n", "type", "signals", "reverted", "after s", "max profit", "max adverse");
    for (int i = 0; i < kSignalTypeCount; ++i) {
        const BacktestTypeStats &t = report.types[std::size_t(i)];
        std::printf("%-17s %7d %8.0f%% %10.1f %10.2fc %10.2fc\n", signalTypeName(SignalType(i)), t.signals,
                    t.resolved ? 100.0 * t.reverted / t.resolved : 0.0, t.meanReversionS, t.meanMaxProfit * 100.0,
                    t.meanMaxAdverse * 100.0);
    }
}

// Does each type pay? Moves in the recommended direction and the
// touch-to-touch PnL after 5 minutes net of fees, in cents, with 95 % intervals.
void printQuality(const SignalQuality &quality, const FeeSchedule &fees)
{
    std::printf("\nsignal quality (BUY/SELL signals; cents per share in the recommended direction, 95 %% intervals;\n"
                "PnL: taken at the touch, given back at the opposite touch 5 min later, taker fee %s x (p(1-p))^%d both ways)\n",
                formatFixed(fees.rate).c_str(), fees.exponent);
    std::printf("%-17s %4s %19s %19s %19s %21s %17s\n", "type", "n", "move 30 s", "move 2 min", "move 5 min",
                "PnL 5 min, net", "reverted");
    auto cell = [](const SignalQuality::Interval &i) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%+.2f [%+.2f, %+.2f]", i.mean * 100, i.low * 100, i.high * 100);
        return std::string(buf);
    };
    const auto summary = quality.summary();
    for (int t = 0; t < kSignalTypeCount; ++t) {
        const SignalQuality::PerType &q = summary[std::size_t(t)];
        if (q.move[0].n == 0)
            continue;
        std::printf("%-17s %4d %19s %19s %19s %21s %4.0f%% [%2.0f, %3.0f]\n", signalTypeName(SignalType(t)), q.move[0].n,
                    cell(q.move[0]).c_str(), cell(q.move[1]).c_str(), cell(q.move[2]).c_str(), cell(q.pnlPerShare).c_str(),
                    q.resolved ? 100.0 * q.reverted / q.resolved : 0.0, q.revertedLow * 100, q.revertedHigh * 100);
    }
}

void printStatsHeader(const char *first, int width)
{
    std::printf("%-*s %6s %5s %11s %9s %9s %9s %10s %7s\n", width, first, "trades", "hit", "pnl $", "avg win",
                "avg loss", "max dd", "fees", "sharpe");
}

void printStats(const QString &name, const StrategyStats &s, int width)
{
    std::printf("%-*s %6d %4.0f%% %11s %9s %9s %9s %10s %7.2f\n", width, name.toUtf8().constData(), s.trades,
                100.0 * s.hitRate, money(s.pnl).toUtf8().constData(), money(s.averageWin).toUtf8().constData(),
                money(s.averageLoss).toUtf8().constData(), money(s.maxDrawdown).toUtf8().constData(),
                money(s.fees).toUtf8().constData(), s.sharpePerTrade);
}

void printStrategy(const StrategyBacktestResult &r, const WalkForwardResult *wf)
{
    const StrategySettings &s = r.points.front().strategy;
    std::printf("\nstrategy %s: %s shares a trade, hold %.0f s, stop %s, entry within %s of the touch,\n"
                "taker fee shares x %s x (p(1-p))^%d%s; %.1f market-hours\n",
                strategyModeName(s.mode), formatFixed(s.shares).c_str(), double(s.holdMs) / 1000.0,
                s.stop ? formatFixed(s.stop).c_str() : "none", formatFixed(s.maxSlippage).c_str(),
                formatFixed(s.fees.rate).c_str(), s.fees.exponent, r.points.size() > 1 ? " (the grid varies some)" : "",
                r.marketHours);
    int width = 40; // the widest of the names below
    for (const GridPoint &p : r.points)
        width = std::max(width, int(p.label.size()));
    printStatsHeader(r.points.size() > 1 ? "grid point (whole recording)" : "whole recording", width);
    for (std::size_t i = 0; i < r.points.size(); ++i)
        printStats(r.points[i].label.isEmpty() ? QStringLiteral("-") : r.points[i].label, StrategyStats::of(r.trades[i]), width);
    const SignalTrader::Skips &k = r.skips.front();
    std::printf("signals not traded: %d (a trade was open), %d (no book), %d (no depth within reach)\n", k.busy,
                k.noBook, k.noDepth);
    if (!wf)
        return;
    std::printf("\nwalk-forward, %zu folds: tuned on one window, traded on the next\n", wf->folds.size());
    for (const WalkForwardFold &f : wf->folds) {
        std::printf("  tune %s  chose %s\n", WalkForward::windowText(f.tuneFromMs, f.testFromMs).toUtf8().constData(),
                    r.points[std::size_t(f.chosen)].label.toUtf8().constData());
        printStats(QStringLiteral("    in-sample"), f.inSample, width);
        printStats(QStringLiteral("    out-of-sample ") + WalkForward::windowText(f.testFromMs, f.testToMs), f.outOfSample, width);
    }
    printStatsHeader("all folds", width);
    printStats(QStringLiteral("in-sample (tuned on)"), wf->inSample, width);
    printStats(QStringLiteral("out-of-sample (unseen)"), wf->outOfSample, width);
}

// Signals and their outcomes on a recording (nobody scripted it, so there
// are no labels to score against, only what followed each signal), and
// what a strategy trading them made, with a walk-forward over a grid.
int recordingBacktest(const CliArgs &parser, const SignalSettings &settings, bool json)
{
    StrategySettings strategy;
    const std::string mode = parser.value("--strategy", "none");
    if (!strategyModeFromName(mode.c_str(), strategy.mode))
        return usage("--strategy is follow, fade or none");
    double feeExponent = strategy.fees.exponent, folds = 4;
    QString problem;
    for (const auto &[option, key] : {std::pair{"--shares", "shares"}, std::pair{"--hold", "hold_s"},
                                      std::pair{"--stop", "stop"}, std::pair{"--max-slippage", "max_slippage"},
                                      std::pair{"--fee-rate", "fee_rate"}}) {
        if (parser.has(option)
            && !SettingsGrid::setStrategy(strategy, QLatin1String(key), QString::fromStdString(parser.value(option)), problem))
            return usage(problem.toUtf8().constData());
    }
    if (!parser.number("--fee-exponent", 0, FeeSchedule::kMaxExponent, feeExponent) || feeExponent != std::floor(feeExponent))
        return usage("--fee-exponent needs 0, 1 or 2");
    strategy.fees.exponent = int(feeExponent);
    if (!parser.number("--folds", 1, 50, folds) || folds != std::floor(folds))
        return usage("--folds needs 1..50");
    const std::vector<std::string> grid = parser.values("--grid");
    if (strategy.mode == StrategyMode::None && (!grid.empty() || parser.has("--folds")))
        return usage("--grid and --folds need --strategy follow or fade");
    std::vector<GridPoint> points;
    if (!SettingsGrid::expand(grid, settings, strategy, points, problem))
        return usage(problem.toUtf8().constData());

    const std::string path = parser.value("--capture");
    StrategyBacktestResult result;
    std::string error;
    StrategyBacktest::run(path, points, result, error);
    if (printedError(error))
        return 1;
    std::optional<WalkForwardResult> wf;
    if (strategy.mode != StrategyMode::None && (points.size() > 1 || parser.has("--folds")))
        wf = WalkForward::run(result.trades, result.startMs, result.endMs, int(folds));
    if (json) {
        QJsonObject o = result.signals.toJson();
        if (strategy.mode != StrategyMode::None)
            o.insert(QStringLiteral("strategy"), strategyBacktestJson(result, wf ? &*wf : nullptr));
        printJson(o);
        return 0;
    }
    const BacktestReport &report = result.signals;
    std::printf("backtest: %s, %d assets, %llu frames in %.1f s\n", path.c_str(), report.markets,
                static_cast<unsigned long long>(report.frames), report.wallSeconds);
    if (report.coverageGaps.gaps > 0)
        std::printf("coverage: %s\n", report.coverageGaps.describe().c_str());
    printSignalTable(report);
    printQuality(report.quality, strategy.fees);
    if (strategy.mode != StrategyMode::None)
        printStrategy(result, wf ? &*wf : nullptr);
    return 0;
}

} // namespace

int backtestCommand(const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> optionSpec = {
        {"--sim", false},    {"--capture", true},      {"--json", false},     {"--seed", true},
        {"--hours", true},   {"--record", true},       {"--markets", true},   {"--strategy", true},
        {"--shares", true},  {"--hold", true},         {"--stop", true},      {"--max-slippage", true},
        {"--fee-rate", true}, {"--fee-exponent", true}, {"--grid", true},     {"--folds", true}};
    optionSpec.insert(optionSpec.end(), kSettingsOptions.begin(), kSettingsOptions.end());
    CliArgs parser(optionSpec, 0);
    SignalSettings settings;
    if (!parse(parser, args) || !applySettings(parser, settings))
        return 2;
    Backtest::Options options;
    const bool json = parser.has("--json");
    const bool sim = parser.has("--sim");
    double seed = 1, hours = 4, markets = 8;
    if (!parser.number("--seed", 0, 1e15, seed))
        return usage("--seed needs a non-negative integer");
    if (!parser.number("--hours", 0.1, 1000, hours))
        return usage("--hours needs 0.1..1000");
    if (!parser.number("--markets", 2, 500, markets))
        return usage("--markets needs 2..500");
    options.recordPath = parser.value("--record");
    if (parser.has("--capture")) {
        if (sim)
            return usage("--sim and --capture exclude each other");
        return recordingBacktest(parser, settings, json);
    }
    if (!sim)
        return usage("backtest needs --sim or --capture FILE");
    for (const char *o : {"--strategy", "--shares", "--hold", "--stop", "--max-slippage", "--fee-rate", "--fee-exponent",
                          "--grid", "--folds"}) {
        if (parser.has(o))
            return usage((std::string(o) + " is for backtest --capture").c_str());
    }
    options.seed = quint64(seed);
    options.hours = hours;
    options.markets = int(markets);
    std::string error;
    const BacktestReport report = Backtest::run(options, settings, &error);
    if (printedError(error))
        return 1;
    if (json) {
        printJson(report.toJson());
        return 0;
    }
    std::printf("backtest: seed %llu, %.1f simulated hours, %d markets, %llu frames in %.1f s\n",
                static_cast<unsigned long long>(report.seed), report.hours, report.markets,
                static_cast<unsigned long long>(report.frames), report.wallSeconds);
    std::printf("%-17s %6s %7s %9s %7s %9s %9s %11s\n", "type", "labels", "signals", "precision", "recall",
                "delay s", "reverted", "max profit");
    for (int i = 0; i < kSignalTypeCount; ++i) {
        const BacktestTypeStats &t = report.types[std::size_t(i)];
        std::printf("%-17s %6d %7d %9.2f %7.2f %9.1f %8.0f%% %10.2fc\n", signalTypeName(SignalType(i)), t.labels,
                    t.signals, t.precision(), t.recall(), t.meanDelayS,
                    t.resolved ? 100.0 * t.reverted / t.resolved : 0.0, t.meanMaxProfit * 100.0);
    }
    printQuality(report.quality, StrategySettings{}.fees);
    return 0;
}

} // namespace polymon::cli
