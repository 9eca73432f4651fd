#include "clicommon.h"
#include "commands.h"

#include "evaluation/detectionevaluation.h"

#include <QJsonDocument>

#include <cstdio>

namespace polymon::cli {

// The detector on the independent order-flow model (core/evaluation), for
// one seed: recall by magnitude, precision, false alarms, delay.
int evaluateCommand(const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> optionSpec = {
        {"--seed", true}, {"--hours", true}, {"--markets", true}, {"--json", false}, {"--record", true}};
    optionSpec.insert(optionSpec.end(), kSettingsOptions.begin(), kSettingsOptions.end());
    CliArgs parser(optionSpec, 0);
    SignalSettings settings;
    if (!parse(parser, args) || !applySettings(parser, settings))
        return 2;
    double seed = 101, hours = 6, markets = 10;
    if (!parser.number("--seed", 0, 1e15, seed))
        return usage("--seed needs a non-negative integer");
    if (!parser.number("--hours", 0.1, 1000, hours))
        return usage("--hours needs 0.1..1000");
    if (!parser.number("--markets", 1, 500, markets))
        return usage("--markets needs 1..500");
    FlowStream::Options options;
    options.seed = std::uint64_t(seed);
    options.hours = hours;
    options.markets = int(markets);
    if (parser.has("--record")) {
        // The frames as JSONL, for replay and a look at the books.
        const std::string path = parser.value("--record");
        std::FILE *out = std::fopen(path.c_str(), "wb");
        if (!out) {
            std::fprintf(stderr, "polymon-cli: cannot write %s\n", path.c_str());
            return 1;
        }
        FlowStream stream(options);
        stream.run([out](const std::string &frame) {
            std::fwrite(frame.data(), 1, frame.size(), out);
            std::fputc('\n', out);
        });
        for (const FlowLabel &l : stream.labels())
            std::fprintf(stderr, "episode %s %d start=%lld onset=%lld end=%lld magnitude=%.2f spread=%d\n",
                         l.yesToken.c_str(), int(l.episode.type), static_cast<long long>(l.episode.startMs),
                         static_cast<long long>(l.episode.onsetMs), static_cast<long long>(l.episode.endMs()),
                         l.episode.magnitude, int(l.episode.spreadChange));
        if (std::fclose(out) != 0) {
            std::fprintf(stderr, "polymon-cli: cannot write %s\n", path.c_str());
            return 1;
        }
    }
    const DetectionEvaluation::Result r = DetectionEvaluation::run(options, settings);
    if (parser.has("--json")) {
        QJsonObject o = r.report.toJson();
        o.insert(QStringLiteral("seed"), QString::number(options.seed));
        o.insert(QStringLiteral("frames"), double(r.frames));
        o.insert(QStringLiteral("wall_seconds"), r.wallSeconds);
        std::puts(QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    std::printf("evaluate: seed %llu, %.1f h, %d markets, %llu frames in %.1f s, %.0f calm asset-hours\n",
                static_cast<unsigned long long>(options.seed), hours, options.markets,
                static_cast<unsigned long long>(r.frames), r.wallSeconds, r.report.calmAssetHours);
    std::printf("%-17s %8s %7s %7s %7s %7s %9s %9s %8s\n", "type", "episodes", "1.5-2x", "2-3x", "3-4.5x", "4.5-6x",
                "precision", "FA/hour", "delay s");
    for (int t = 0; t < kSignalTypeCount; ++t) {
        const DetectionReport::PerType &p = r.report.types[std::size_t(t)];
        std::printf("%-17s %8d", signalTypeName(SignalType(t)), p.labelCount());
        for (int b = 0; b < DetectionReport::kBuckets; ++b)
            std::printf(" %7.2f", p.recall(b));
        std::printf(" %9.2f %9.2f %8.1f\n", p.precision(), r.report.falseAlarmsPerAssetHour(t), p.meanDelayS());
    }
    return 0;
}

} // namespace polymon::cli
