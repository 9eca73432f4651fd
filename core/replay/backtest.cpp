#include "backtest.h"

#include "book/bookstore.h"
#include "protocol/frameparser.h"
#include "replayengine.h"
#include "strategy/strategybacktest.h"
#include "strategy/strategyrun.h"
#include "sim/simengine.h"

#include <QJsonArray>

#include <chrono>
#include <cstdio>

namespace polymon {

namespace {

constexpr std::int64_t kStartMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z, simulated

} // namespace

BacktestReport Backtest::run(const Options &options, const SignalSettings &settings, std::string *error)
{
    const auto wallStart = std::chrono::steady_clock::now();
    BacktestReport report;
    report.seed = options.seed;
    report.hours = options.hours;
    report.markets = options.markets;

    SimEngine engine(options.seed, options.markets);
    const auto endMs = kStartMs + std::int64_t(options.hours * 3'600'000.0);
    engine.scheduleEpisodes(kStartMs + options.warmupMs, endMs, options.episodeEveryMs);

    StrategyRun analysis(settings, true, StrategySettings{}.fees);
    BookStore store(&analysis);
    FrameParser parser;
    std::FILE *record = nullptr;
    if (!options.recordPath.empty()) {
        record = std::fopen(options.recordPath.c_str(), "wb");
        if (!record && error)
            *error = "cannot write " + options.recordPath;
    }
    auto feed = [&](const std::string &frame) {
        parser.parse(frame, store);
        if (record) {
            std::fwrite(frame.data(), 1, frame.size(), record);
            std::fputc('\n', record);
        }
    };
    for (const std::string &id : engine.allAssetIds())
        feed(engine.bookEvent(id, kStartMs));
    const double stepMs = 1000.0 / std::max(0.1, options.framesPerSecond);
    double clock = double(kStartMs);
    while (clock < double(endMs)) {
        feed(engine.next(std::int64_t(clock)).json);
        clock += stepMs;
    }
    if (record && std::fclose(record) != 0 && error)
        *error = "cannot write " + options.recordPath;
    analysis.engine().finish();
    report.frames = parser.stats().frames;
    report.entries = store.stats().entriesApplied;

    // Match signals to labels of the same type and asset.
    const auto &labels = engine.labels();
    std::vector<bool> detected(labels.size(), false);
    std::vector<std::int64_t> firstDelay(labels.size(), -1);
    for (const Signal &s : analysis.outcomes()) {
        BacktestTypeStats &t = report.types[std::size_t(s.type)];
        bool matched = false;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const SimLabel &l = labels[i];
            if (l.assetId != s.assetId || l.type != signalTypeName(s.type) || s.timestampMs < l.startMs
                || s.timestampMs > l.endMs)
                continue;
            matched = true;
            if (!detected[i] || s.timestampMs - l.startMs < firstDelay[i])
                firstDelay[i] = s.timestampMs - l.startMs;
            detected[i] = true;
        }
        t.truePositives += matched ? 1 : 0;
        t.addOutcome(s);
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        SignalType type;
        if (!signalTypeFromName(labels[i].type, type))
            continue;
        BacktestTypeStats &t = report.types[std::size_t(type)];
        ++t.labels;
        if (detected[i]) {
            ++t.detectedLabels;
            t.meanDelayS += double(firstDelay[i]) / 1000.0;
        }
    }
    for (BacktestTypeStats &t : report.types) {
        if (t.detectedLabels)
            t.meanDelayS /= t.detectedLabels;
        t.finish();
    }
    report.allSignals = std::move(analysis.outcomes());
    report.quality = analysis.followUp().quality();
    report.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return report;
}

void BacktestTypeStats::addOutcome(const Signal &s)
{
    ++signals;
    ++resolved;
    meanMaxProfit += double(s.maxProfit) / double(kFixedScale);
    meanMaxAdverse += double(s.maxAdverse) / double(kFixedScale);
    if (s.reverted) {
        ++reverted;
        meanReversionS += s.reversionTimeS;
    }
}

void BacktestTypeStats::finish()
{
    if (resolved) {
        meanMaxProfit /= resolved;
        meanMaxAdverse /= resolved;
    }
    if (reverted)
        meanReversionS /= reverted;
}

BacktestReport Backtest::runRecording(const std::string &path, const SignalSettings &settings, std::string *error)
{
    GridPoint only;
    only.signals = settings;
    only.strategy.mode = StrategyMode::None;
    StrategyBacktestResult result;
    std::string err;
    if (!StrategyBacktest::run(path, {only}, result, err) && error)
        *error = err;
    return std::move(result.signals);
}

QJsonObject BacktestReport::toJson() const
{
    QJsonObject types;
    for (int i = 0; i < kSignalTypeCount; ++i) {
        const BacktestTypeStats &t = this->types[std::size_t(i)];
        QJsonObject o{{QStringLiteral("signals"), t.signals},
                      {QStringLiteral("reverted"), t.reverted},
                      {QStringLiteral("reverted_rate"), t.resolved ? double(t.reverted) / t.resolved : 0.0},
                      {QStringLiteral("mean_reversion_s"), t.meanReversionS},
                      {QStringLiteral("mean_max_profit"), t.meanMaxProfit},
                      {QStringLiteral("mean_max_adverse"), t.meanMaxAdverse}};
        if (capture.empty()) { // scripted episodes: how they were found
            o.insert(QStringLiteral("labels"), t.labels);
            o.insert(QStringLiteral("true_positives"), t.truePositives);
            o.insert(QStringLiteral("precision"), t.precision());
            o.insert(QStringLiteral("recall"), t.recall());
            o.insert(QStringLiteral("mean_detection_delay_s"), t.meanDelayS);
        }
        types.insert(QLatin1String(signalTypeName(SignalType(i))), o);
    }
    if (!capture.empty())
        return QJsonObject{{QStringLiteral("recording"), QString::fromStdString(capture)},
                           {QStringLiteral("quality"), quality.toJson()},
                           {QStringLiteral("assets"), markets},
                           {QStringLiteral("frames"), double(frames)},
                           {QStringLiteral("entries"), double(entries)},
                           {QStringLiteral("wall_seconds"), wallSeconds},
                           {QStringLiteral("coverage_gaps"),
                            QJsonObject{{QStringLiteral("count"), coverageGaps.gaps},
                                        {QStringLiteral("total_ms"), double(coverageGaps.totalMs)},
                                        {QStringLiteral("longest_ms"), double(coverageGaps.longestMs)}}},
                           {QStringLiteral("types"), types}};
    return QJsonObject{{QStringLiteral("seed"), QString::number(seed)},
                       {QStringLiteral("hours"), hours},
                       {QStringLiteral("markets"), markets},
                       {QStringLiteral("frames"), double(frames)},
                       {QStringLiteral("entries"), double(entries)},
                       {QStringLiteral("wall_seconds"), wallSeconds},
                       {QStringLiteral("types"), types},
                       {QStringLiteral("quality"), quality.toJson()}};
}

} // namespace polymon
