#include "clicommon.h"
#include "commands.h"

#include "session/rangecapture.h"
#include "storage/signalcsv.h"
#include "storage/tradingcsv.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <limits>

namespace polymon::cli {

namespace {

// The recorded snapshots and trades of a time range as a raw capture.
int exportCapture(const QString &db, const CliArgs &parser)
{
    RangeCapture::Range range;
    range.fromMs = 0;
    range.toMs = std::numeric_limits<qint64>::max();
    if (parser.has("--since") && !parseTime(parser.value("--since"), range.fromMs))
        return usage("--since needs ISO 8601 time or epoch milliseconds");
    if (parser.has("--until") && !parseTime(parser.value("--until"), range.toMs))
        return usage("--until needs ISO 8601 time or epoch milliseconds");
    if (range.toMs <= range.fromMs)
        return usage("--until must be after --since");
    for (const std::string &m : parser.values("--market"))
        range.conditionIds << QString::fromStdString(m);
    const QString out = QString::fromStdString(parser.value("--capture"));
    RangeCapture::Summary summary;
    QString error;
    if (!RangeCapture::write(db, range, out, summary, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.toUtf8().constData());
        return 1;
    }
    std::fprintf(stderr, "exported %d markets (%d assets): %lld snapshots and %lld trades from %lld to %lld ms to %s\n",
                 summary.markets, summary.assets, static_cast<long long>(summary.snapshots),
                 static_cast<long long>(summary.trades), static_cast<long long>(summary.firstMs),
                 static_cast<long long>(summary.lastMs), out.toUtf8().constData());
    if (summary.gaps.gaps > 0)
        std::fprintf(stderr, "coverage: %s\n", summary.gaps.describe().c_str());
    else if (!summary.ledgerKept)
        std::fprintf(stderr, "coverage: this store keeps no coverage ledger (recorded before polymon 0.2, or only by "
                             "replays): where nobody recorded is not known\n");
    return 0;
}

int exportFills(const QString &db, const CliArgs &parser)
{
    if (parser.has("--until") || parser.has("--market"))
        return usage("--fills takes --since and --account only");
    qint64 sinceMs = 0;
    if (parser.has("--since") && !parseTime(parser.value("--since"), sinceMs))
        return usage("--since needs ISO 8601 time or epoch milliseconds");
    const QString out = QString::fromStdString(parser.value("--fills"));
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "polymon-cli: cannot write %s: %s\n", out.toUtf8().constData(), file.errorString().toUtf8().constData());
        return 1;
    }
    int rows = 0;
    QString error;
    const QString account = QString::fromStdString(parser.value("--account", "paper"));
    if (!TradingCsv::exportFills(db, account, sinceMs, file, rows, error) || !file.commit()) {
        std::fprintf(stderr, "polymon-cli: %s\n", (error.isEmpty() ? file.errorString() : error).toUtf8().constData());
        return 1;
    }
    std::fprintf(stderr, "exported %d %s fills to %s\n", rows, account.toUtf8().constData(), out.toUtf8().constData());
    return 0;
}

} // namespace

int exportCommand(const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> options = {{"--db", true},    {"--out", true},   {"--market", true},
                                            {"--since", true}, {"--until", true}, {"--capture", true},
                                            {"--fills", true}, {"--account", true}};
    CliArgs parser(options, 0);
    if (!parse(parser, args))
        return 2;
    const QString db = QString::fromStdString(parser.value("--db"));
    const QString out = QString::fromStdString(parser.value("--out"));
    const int targets = int(!out.isEmpty()) + int(parser.has("--capture")) + int(parser.has("--fills"));
    if (db.isEmpty() || targets != 1)
        return usage("export needs --db DB and one of --out FILE.csv, --capture FILE.pmcap, --fills FILE.csv");
    if (!QFile::exists(db)) {
        std::fprintf(stderr, "polymon-cli: no database at %s\n", db.toUtf8().constData());
        return 1;
    }
    if (parser.has("--capture"))
        return exportCapture(db, parser);
    if (parser.has("--fills"))
        return exportFills(db, parser);
    if (parser.has("--until"))
        return usage("--until is for --capture");
    SignalCsv::Filter filter;
    filter.market = QString::fromStdString(parser.value("--market"));
    if (parser.has("--since") && !parseTime(parser.value("--since"), filter.sinceMs))
        return usage("--since needs ISO 8601 time or epoch milliseconds");
    QSaveFile file(out); // all or nothing: no half-written CSV
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "polymon-cli: cannot write %s: %s\n", out.toUtf8().constData(),
                     file.errorString().toUtf8().constData());
        return 1;
    }
    int rows = 0;
    QString error;
    if (!SignalCsv::exportTo(db, file, filter, rows, error) || !file.commit()) {
        std::fprintf(stderr, "polymon-cli: %s\n", (error.isEmpty() ? file.errorString() : error).toUtf8().constData());
        return 1;
    }
    std::fprintf(stderr, "exported %d signals to %s\n", rows, out.toUtf8().constData());
    return 0;
}

} // namespace polymon::cli
