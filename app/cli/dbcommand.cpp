#include "clicommon.h"
#include "commands.h"

#include "storage/databaselocation.h"
#include "storage/coveragereader.h"
#include "storage/readonlyconnection.h"
#include "storage/storecopy.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <cstdio>

namespace polymon::cli {

namespace {

// `db copy --from STORE --to STORE`: a local recording into the shared
// store and out again, as often as wanted (rows held are not copied twice).
int copy(const CliArgs &parser)
{
    if (!parser.has("--from") || !parser.has("--to"))
        return usage("db copy needs --from STORE and --to STORE (a SQLite file or a postgresql:// URL)");
    const QString from = QString::fromStdString(parser.value("--from"));
    const QString to = QString::fromStdString(parser.value("--to"));
    DatabaseLocation check;
    QString error;
    for (const QString &store : {from, to})
        if (!DatabaseLocation::parse(store, check, error))
            return usage(error.toUtf8().constData());
    if (from == to)
        return usage("db copy needs two different stores");
    QList<StoreCopy::TableCount> counts;
    const bool ok = StoreCopy::run(from, to, counts, error);
    qint64 read = 0, written = 0;
    for (const StoreCopy::TableCount &c : counts) {
        std::printf("%-20s read %lld, new or changed %lld\n", c.table.toUtf8().constData(), static_cast<long long>(c.read),
                    static_cast<long long>(c.written));
        read += c.read;
        written += c.written;
    }
    if (!ok) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.toUtf8().constData());
        return 1;
    }
    std::printf("copied: %lld rows read, %lld new or changed\n", static_cast<long long>(read), static_cast<long long>(written));
    return 0;
}

// `db coverage --db STORE [--since T] [--until T]`: which machines recorded,
// and where no recorder held an asset's book (the past day by default).
int coverage(const CliArgs &parser)
{
    if (!parser.has("--db"))
        return usage("db coverage needs --db STORE");
    const QString store = QString::fromStdString(parser.value("--db"));
    qint64 untilMs = QDateTime::currentMSecsSinceEpoch(), sinceMs = untilMs - 86'400'000;
    if (parser.has("--since") && !parseTime(parser.value("--since"), sinceMs))
        return usage("--since needs ISO 8601 or epoch milliseconds");
    if (parser.has("--until") && !parseTime(parser.value("--until"), untilMs))
        return usage("--until needs ISO 8601 or epoch milliseconds");
    if (untilMs <= sinceMs)
        return usage("--until must come after --since");
    QStringList assets;
    {
        ReadOnlyConnection c(store);
        QString error;
        if (!c.open(error)) {
            std::fprintf(stderr, "polymon-cli: %s\n", error.toUtf8().constData());
            return 1;
        }
        QSqlQuery q(c.db());
        if (q.exec(QStringLiteral("SELECT asset_id FROM asset ORDER BY asset_id")))
            while (q.next())
                assets << q.value(0).toString();
    }
    CoverageReader::Result r;
    QString error;
    if (!CoverageReader::read(store, assets, sinceMs, untilMs, r, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.toUtf8().constData());
        return 1;
    }
    if (!r.ledgerKept) {
        std::printf("no coverage ledger in this store (recorded before schema 9, or nothing recorded): gaps unknown\n");
        return 0;
    }
    std::printf("recorders: %s\n", r.recorders.isEmpty() ? "none in this range" : r.recorders.join(QStringLiteral(", ")).toUtf8().constData());
    auto when = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate).toUtf8(); };
    for (const CoverageReader::Gap &g : r.gaps)
        std::printf("gap  %s  %s .. %s  (%.1f min)\n", g.assetId.toUtf8().constData(), when(g.fromMs).constData(),
                    when(g.toMs).constData(), double(g.toMs - g.fromMs) / 60'000.0);
    std::printf("%lld gap(s) over %lld asset(s)\n", static_cast<long long>(r.gaps.size()), static_cast<long long>(assets.size()));
    return 0;
}

} // namespace

int dbCommand(const std::vector<std::string> &args)
{
    if (args.empty())
        return usage("db needs a subcommand: copy, coverage");
    const std::string sub = args.front();
    if (sub != "copy" && sub != "coverage")
        return usage(("unknown db subcommand: " + sub).c_str());
    CliArgs parser({{"--from", true}, {"--to", true}, {"--db", true}, {"--since", true}, {"--until", true}}, 0);
    if (!parse(parser, std::vector<std::string>(args.begin() + 1, args.end())))
        return 2;
    return sub == "copy" ? copy(parser) : coverage(parser);
}

} // namespace polymon::cli
