#include "clicommon.h"
#include "commands.h"

#include "storage/signalcsv.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace polymon::cli {

int exportCommand(const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> options = {{"--db", true}, {"--out", true}, {"--market", true}, {"--since", true}};
    CliArgs parser(options, 0);
    if (!parse(parser, args))
        return 2;
    const QString db = QString::fromStdString(parser.value("--db"));
    const QString out = QString::fromStdString(parser.value("--out"));
    SignalCsv::Filter filter;
    filter.market = QString::fromStdString(parser.value("--market"));
    if (parser.has("--since")) {
        const QString since = QString::fromStdString(parser.value("--since"));
        bool isNumber = false;
        filter.sinceMs = since.toLongLong(&isNumber);
        if (!isNumber) {
            const QDateTime t = QDateTime::fromString(since, Qt::ISODateWithMs);
            if (!t.isValid())
                return usage("--since needs ISO 8601 time or epoch milliseconds");
            filter.sinceMs = t.toMSecsSinceEpoch();
        }
    }
    if (db.isEmpty() || out.isEmpty())
        return usage("export needs --db DB and --out FILE");
    if (!QFile::exists(db)) {
        std::fprintf(stderr, "polymon-cli: no database at %s\n", db.toUtf8().constData());
        return 1;
    }
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
