#include "clicommon.h"
#include "commands.h"

#include "events/eventfile.h"
#include "events/eventmodel.h"
#include "events/eventanalysis.h"
#include "events/eventstudy.h"
#include "storage/eventreader.h"

#include <QFile>
#include <QJsonObject>
#include <QSaveFile>

#include <QJsonDocument>

#include <cstdio>
#include <limits>

namespace polymon::cli {

namespace {

bool parseHorizons(const std::string &text, std::vector<int> &out)
{
    out.clear();
    for (const QString &part : QString::fromStdString(text).split(QLatin1Char(','))) {
        bool ok = false;
        const int s = part.trimmed().toInt(&ok);
        if (!ok || s <= 0 || s > 86'400)
            return false;
        out.push_back(s);
    }
    return !out.empty();
}

void printTable(const std::vector<EventStudy::TypeResult> &results)
{
    for (const EventStudy::TypeResult &r : results) {
        std::printf("%s: %d events, book %s the events by %d s (r %.2f)\n", r.type.toUtf8().constData(), r.events,
                    r.leadLagS < 0 ? "leads" : "follows", std::abs(r.leadLagS), r.lagCorrelation);
        for (const EventStudy::Horizon &h : r.horizons)
            std::printf("  %4d s  n %5d  mean %+.4f  95%% [%+.4f, %+.4f]  random times %+.4f\n", h.seconds, h.n, h.meanMove,
                        h.ciLow, h.ciHigh, h.baselineMean);
    }
}

bool readEvents(const CliArgs &parser, EventFile::Result &events)
{
    QString error;
    if (!EventFile::read(QString::fromStdString(parser.value("--events")), events, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.toUtf8().constData());
        return false;
    }
    if (events.badLines > 0)
        std::fprintf(stderr, "polymon-cli: %d event line(s) skipped: %s\n", events.badLines,
                     events.problems.join(QStringLiteral("; ")).toUtf8().constData());
    return true;
}

int correlate(const CliArgs &parser)
{
    if (!parser.has("--capture") || !parser.has("--events"))
        return usage("events correlate needs --capture FILE and --events EVENTS.jsonl");
    EventStudy::Options options;
    if (parser.has("--horizons") && !parseHorizons(parser.value("--horizons"), options.horizonsS))
        return usage("--horizons needs seconds separated by commas, e.g. 5,30,120");
    EventFile::Result events;
    if (!readEvents(parser, events))
        return 1;
    EventAnalysis::Request request;
    request.recordings << QString::fromStdString(parser.value("--capture"));
    request.events = events.events;
    request.study = options;
    request.withModel = false;
    const EventAnalysis::Result analysis = EventAnalysis::run(request);
    if (!analysis.error.empty()) {
        std::fprintf(stderr, "polymon-cli: %s\n", analysis.error.c_str());
        return 1;
    }
    const std::vector<EventStudy::TypeResult> &results = analysis.study;
    if (parser.has("--json"))
        std::printf("%s\n", QJsonDocument(EventStudy::toJson(results)).toJson(QJsonDocument::Compact).constData());
    else
        printTable(results);
    return 0;
}

int model(const CliArgs &parser)
{
    if (!parser.has("--capture") || !parser.has("--events"))
        return usage("events model needs --capture FILE (one or more, oldest first) and --events EVENTS.jsonl");
    bool ok = true;
    const int horizon = QString::fromStdString(parser.value("--horizon", "30")).toInt(&ok);
    if (!ok || horizon <= 0 || horizon > 86'400)
        return usage("--horizon needs a number of seconds");
    EventFile::Result events;
    if (!readEvents(parser, events))
        return 1;
    // Each recording replays on its own books (and signal detector); the samples are pooled and split by time.
    EventAnalysis::Request request;
    for (const std::string &file : parser.values("--capture"))
        request.recordings << QString::fromStdString(file);
    request.events = events.events;
    request.modelHorizonS = horizon;
    request.withStudy = false;
    const EventAnalysis::Result analysis = EventAnalysis::run(request);
    if (!analysis.error.empty()) {
        std::fprintf(stderr, "polymon-cli: %s\n", analysis.error.c_str());
        return 1;
    }
    const EventModel::Report &report = analysis.model;
    const int skipped = analysis.skipped;
    if (parser.has("--json")) {
        std::printf("%s\n", QJsonDocument(EventModel::toJson(report, horizon)).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    std::printf("%d samples (%d events without a book at their time), trained on the first %d, tested on the last %d\n",
                report.samples, skipped, report.train, report.test);
    if (!report.enoughData)
        std::printf("%s\n", report.reason.toUtf8().constData());
    else
        std::printf("sign of the mid %d s after: accuracy %.3f against a base rate of %.3f, AUC %.3f (out of sample)\n",
                    horizon, report.accuracy, report.baseRate, report.auc);
    return 0;
}

// Stored events as the JSONL that correlate and model read.
int exportEvents(const CliArgs &parser)
{
    if (!parser.has("--db") || !parser.has("--out"))
        return usage("events export needs --db DB and --out EVENTS.jsonl");
    qint64 fromMs = 0, toMs = std::numeric_limits<qint64>::max();
    if (parser.has("--since") && !parseTime(parser.value("--since"), fromMs))
        return usage("--since needs ISO 8601 or epoch milliseconds");
    if (parser.has("--until") && !parseTime(parser.value("--until"), toMs))
        return usage("--until needs ISO 8601 or epoch milliseconds");
    std::vector<MarketEvent> events;
    QString error;
    if (!EventReader::read(QString::fromStdString(parser.value("--db")), fromMs, toMs, events, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.toUtf8().constData());
        return 1;
    }
    QSaveFile out(QString::fromStdString(parser.value("--out")));
    if (!out.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "polymon-cli: cannot write %s: %s\n", qPrintable(out.fileName()), qPrintable(out.errorString()));
        return 1;
    }
    for (const MarketEvent &e : events) {
        QJsonObject o{{QStringLiteral("ts"), qint64(e.tsMs)}, {QStringLiteral("type"), e.type}};
        for (const auto &[key, value] : {std::pair{"market", e.market}, {"asset_id", e.assetId}, {"slug", e.slug}, {"text", e.text}})
            if (!value.isEmpty())
                o.insert(QLatin1String(key), value);
        out.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    }
    if (!out.commit()) {
        std::fprintf(stderr, "polymon-cli: cannot write %s: %s\n", qPrintable(out.fileName()), qPrintable(out.errorString()));
        return 1;
    }
    std::fprintf(stderr, "%zu event(s) written to %s\n", events.size(), qPrintable(out.fileName()));
    return 0;
}

} // namespace

int eventsCommand(const std::vector<std::string> &args)
{
    if (args.empty())
        return usage("events needs a subcommand: correlate, model, export");
    const std::string sub = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub != "correlate" && sub != "model" && sub != "export")
        return usage(("unknown events subcommand: " + sub).c_str());
    CliArgs parser({{"--capture", true}, {"--events", true}, {"--horizons", true}, {"--horizon", true}, {"--json", false},
                    {"--db", true}, {"--out", true}, {"--since", true}, {"--until", true}},
                   0);
    if (!parse(parser, rest))
        return 2;
    if (sub == "export")
        return exportEvents(parser);
    return sub == "model" ? model(parser) : correlate(parser);
}

} // namespace polymon::cli
