#include "clicommon.h"
#include "commands.h"

#include "replay/backtest.h"

#include <QJsonDocument>

#include <cstdio>

namespace polymon::cli {

namespace {

// The error (exit 1) or, with --json, the report (exit 0); -1 when the
// table is still to be printed.
int errorOrJson(const BacktestReport &report, const std::string &error, bool json)
{
    if (!error.empty()) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
        return 1;
    }
    if (!json)
        return -1;
    std::puts(QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact).constData());
    return 0;
}

// Signals and their outcomes on a recording: nobody scripted it, so there
// are no labels to score against, only what followed each signal.
int recordingBacktest(const std::string &path, const SignalSettings &settings, bool json)
{
    std::string error;
    const BacktestReport report = Backtest::runRecording(path, settings, &error);
    if (const int rc = errorOrJson(report, error, json); rc >= 0)
        return rc;
    std::printf("backtest: %s, %d assets, %llu frames in %.1f s\n", path.c_str(), report.markets,
                static_cast<unsigned long long>(report.frames), report.wallSeconds);
    std::printf("%-17s %7s %9s %10s %11s %11s\n", "type", "signals", "reverted", "after s", "max profit", "max adverse");
    for (int i = 0; i < kSignalTypeCount; ++i) {
        const BacktestTypeStats &t = report.types[std::size_t(i)];
        std::printf("%-17s %7d %8.0f%% %10.1f %10.2fc %10.2fc\n", signalTypeName(SignalType(i)), t.signals,
                    t.resolved ? 100.0 * t.reverted / t.resolved : 0.0, t.meanReversionS, t.meanMaxProfit * 100.0,
                    t.meanMaxAdverse * 100.0);
    }
    return 0;
}

} // namespace

int backtestCommand(const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> optionSpec = {{"--sim", false},    {"--capture", true}, {"--json", false}, {"--seed", true},
                                               {"--hours", true},   {"--record", true},  {"--markets", true}};
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
        return recordingBacktest(parser.value("--capture"), settings, json);
    }
    if (!sim)
        return usage("backtest needs --sim or --capture FILE");
    options.seed = quint64(seed);
    options.hours = hours;
    options.markets = int(markets);
    std::string error;
    const BacktestReport report = Backtest::run(options, settings, &error);
    if (const int rc = errorOrJson(report, error, json); rc >= 0)
        return rc;
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
    return 0;
}

} // namespace polymon::cli
