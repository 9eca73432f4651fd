// The shared store under load: RECORDERS processes (bench_storage), each
// writing its own MARKETS markets x 2 snapshots/s in real time into one
// local PostgreSQL (started here, syncing its writes), as recorders on
// several machines would. Reports each recorder's queue (it must not grow),
// the rows per second the server took, the database size per market-hour,
// and the time to read an hour of one market's history from PostgreSQL and
// from SQLite.
// Usage: bench_shared_store [SECONDS=300] [MARKETS=1000] [RECORDERS=3]
#include "../pgtestserver.h"
#include "benchsnapshot.h"

#include "storage/historyreader.h"
#include "storage/readonlyconnection.h"
#include "storage/storagewriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace polymon;

namespace {

constexpr qint64 kHourStart = 1'767'312'000'000; // 2026-01-02, a day the recorders do not write

// An hour of one market (both tokens, 2 snapshots a second in all) into `store`.
bool writeHour(const QString &store, const QStringList &tokens)
{
    StorageWriter writer(store);
    writer.start();
    QRandomGenerator rng(7);
    for (qint64 s = 0; s < 3600; ++s) {
        for (const QString &token : tokens)
            writer.enqueue(bench::snapshot(rng, token, kHourStart + s * 1'000));
    }
    const bool ok = writer.waitUntilWritten(300'000);
    writer.stop();
    return ok;
}

// The desktop's chart and heatmap read of that hour (HistoryReader), best and median of 5.
QString timeHistory(const QString &store, const QStringList &tokens)
{
    std::vector<double> ms;
    int points = 0;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        const QList<AssetHistory> h =
            HistoryReader::read(store, HistoryReader::Request{tokens, kHourStart, kHourStart + 3'600'000, 1'000});
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        points = 0;
        for (const AssetHistory &a : h)
            points += int(a.points.size() + a.depth.size());
    }
    std::sort(ms.begin(), ms.end());
    return QStringLiteral("best %1 / median %2 ms (%3 chart points and depth slices)")
        .arg(ms.front(), 0, 'f', 0)
        .arg(ms[ms.size() / 2], 0, 'f', 0)
        .arg(points);
}

qint64 scalar(const QString &store, const QString &sql)
{
    ReadOnlyConnection c(store);
    QString error;
    if (!c.open(error))
        return -1;
    QSqlQuery q(c.db());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 300;
    const int markets = argc > 2 ? std::atoi(argv[2]) : 1000;
    const int recorders = argc > 3 ? std::atoi(argv[3]) : 3;
    PgTestServer server(true);
    if (!server.available()) {
        std::printf("| shared store | not measured | %s |\n", qPrintable(server.reason()));
        return 0;
    }
    const QString store = server.createDatabase(QStringLiteral("bench"));
    {
        StorageWriter schema(store); // the schema, once, before the recorders race to it
        schema.start();
        schema.waitUntilWritten(60'000);
        schema.stop();
    }
    const QString recorder = QFileInfo(QCoreApplication::applicationDirPath() + QStringLiteral("/bench_storage")).filePath();
    std::vector<std::unique_ptr<QProcess>> processes;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < recorders; ++i) {
        processes.push_back(std::make_unique<QProcess>());
        processes.back()->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        processes.back()->start(recorder, {QString::number(seconds), QString::number(markets), store,
                                           QString::number(i * markets * 2)});
    }
    bool allOk = true;
    QStringList rows;
    for (int i = 0; i < recorders; ++i) {
        QProcess &p = *processes[std::size_t(i)];
        allOk = p.waitForFinished((seconds + 600) * 1000) && p.exitCode() == 0 && allOk;
        rows << QStringLiteral("| recorder %1 ").arg(i + 1) + QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }
    const double elapsed = double(wall.elapsed()) / 1000.0;
    const qint64 snapshots = scalar(store, QStringLiteral("SELECT count(*) FROM order_book_snapshot"));
    const qint64 trades = scalar(store, QStringLiteral("SELECT count(*) FROM trade"));
    const qint64 bytes = scalar(store, QStringLiteral("SELECT pg_database_size(current_database())"));
    const double marketHours = double(recorders) * markets * seconds / 3600.0;

    std::printf("| recorder | queue max (rows) | queued after 60 s | queued at the end | dropped | rows written |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (const QString &r : rows)
        std::printf("%s\n", qPrintable(r));
    std::printf("\n| measure | result | detail |\n|---|---|---|\n");
    std::printf("| rows stored | %.0f rows/s | %lld snapshots + %lld trades from %d recorders in %d s (%.0f s with start and "
                "drain); %s |\n",
                double(snapshots + trades) / seconds, static_cast<long long>(snapshots), static_cast<long long>(trades),
                recorders, seconds, elapsed, allOk ? "every recorder wrote all it queued" : "A RECORDER FAILED");
    std::printf("| database size | %.1f MB per market-hour | %.0f MB for %.0f market-hours (pg_database_size; 20 levels "
                "a side per snapshot) |\n",
                double(bytes) / 1e6 / marketHours, double(bytes) / 1e6, marketHours);

    // An hour of one market's history, read as the desktop reads it, from both engines.
    const QStringList tokens{QStringLiteral("9").repeated(77), QStringLiteral("8").repeated(77)};
    QTemporaryDir dir;
    const QString sqlite = dir.filePath(QStringLiteral("hour.db"));
    if (!writeHour(store, tokens) || !writeHour(sqlite, tokens)) {
        std::printf("| an hour of one market's history | not measured | the hour could not be written |\n");
        return 1;
    }
    std::printf("| an hour of one market's history, PostgreSQL | %s | 7,200 snapshots of 2 tokens, in a store of %lld rows |\n",
                qPrintable(timeHistory(store, tokens)), static_cast<long long>(snapshots + trades + 7'200));
    std::printf("| the same, SQLite | %s | the hour alone in a file |\n", qPrintable(timeHistory(sqlite, tokens)));
    return allOk ? 0 : 1;
}
