#include "clicommon.h"
#include "commands.h"

#include "storage/databaselocation.h"
#include "storage/storecopy.h"

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

} // namespace

int dbCommand(const std::vector<std::string> &args)
{
    if (args.empty())
        return usage("db needs a subcommand: copy");
    const std::string sub = args.front();
    if (sub != "copy")
        return usage(("unknown db subcommand: " + sub).c_str());
    CliArgs parser({{"--from", true}, {"--to", true}}, 0);
    if (!parse(parser, std::vector<std::string>(args.begin() + 1, args.end())))
        return 2;
    return copy(parser);
}

} // namespace polymon::cli
