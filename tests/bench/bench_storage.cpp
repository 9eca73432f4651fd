// Storage under the design load: 1,000 markets x 2 snapshots/s (real time),
// each with 20 levels per side, plus trades. Reports the queue high-water
// mark (it must not grow), rows written, and database size per market-hour.
// Usage: bench_storage [SECONDS=600] [MARKETS=1000] [STORE] [FIRST_ASSET=0]
// (STORE: a SQLite file or a postgresql:// URL; several processes on one
// shared store are given distinct FIRST_ASSETs: bench_shared_store).
#include "benchsnapshot.h"
#include "storage/storagewriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <cstdlib>

using namespace polymon;


int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 600;
    const int markets = argc > 2 ? std::atoi(argv[2]) : 1000;
    QTemporaryDir dir;
    const QString path = argc > 3 && *argv[3] ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("bench.db"));
    const int firstAsset = argc > 4 ? std::atoi(argv[4]) : 0;
    // 77-digit token ids, as Polymarket's.
    auto tokenId = [](int asset) { return QStringLiteral("1") + QString::number(asset).rightJustified(76, QLatin1Char('0')); };
    StorageWriter writer(path);
    writer.start();
    QRandomGenerator rng(1);
    QElapsedTimer clock;
    clock.start();
    qint64 enqueued = 0, maxQueued = 0;
    qint64 queuedAt60 = -1;
    const int assets = markets * 2;
    const qint64 tickMs = 100;
    for (qint64 tick = 0; tick * tickMs < qint64(seconds) * 1000; ++tick) {
        // 2 snapshots per asset-pair per second: markets * 2 rows/s, spread evenly.
        const int rows = markets * 2 / 10;
        for (int i = 0; i < rows; ++i) {
            const int asset = int((tick * rows + i) % assets);
            writer.enqueue(bench::snapshot(rng, tokenId(firstAsset + asset), 1'767'225'600'000 + tick * tickMs));
            ++enqueued;
        }
        for (int i = 0; i < markets / 20; ++i) // a trade per market every 2 s
            writer.enqueue(TradeRow{tokenId(firstAsset + i * 2), 1'767'225'600'000 + tick * tickMs, 490'000, 10'000'000, Side::Buy});
        maxQueued = std::max(maxQueued, writer.stats().queued);
        if (tick * tickMs == 60'000)
            queuedAt60 = writer.stats().queued;
        const qint64 wait = (tick + 1) * tickMs - clock.elapsed();
        if (wait > 0)
            QThread::msleep(quint64(wait));
    }
    const qint64 queuedAtEnd = writer.stats().queued;
    writer.waitUntilWritten(60'000);
    writer.stop();
    const StorageStats s = writer.stats();
    const double hours = double(seconds) / 3600.0;
    const double bytes = double(QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size());
    if (path.startsWith(QLatin1String("postgres"))) { // bench_shared_store measures the shared database itself
        std::printf("| %lld | %lld | %lld | %lld | %lld |\n", static_cast<long long>(maxQueued),
                    static_cast<long long>(queuedAt60), static_cast<long long>(queuedAtEnd), static_cast<long long>(s.dropped),
                    static_cast<long long>(s.written));
        if (!s.lastError.isEmpty())
            std::fprintf(stderr, "bench_storage: %s\n", qPrintable(s.lastError));
        return s.lastError.isEmpty() ? 0 : 1;
    }
    std::printf("| storage, %d markets x 2 snapshots/s, %d s | queue max %lld rows, %lld after 60 s, %lld at the end; "
                "dropped %lld | %lld snapshot rows + trades written, %s |\n",
                markets, seconds, static_cast<long long>(maxQueued), static_cast<long long>(queuedAt60),
                static_cast<long long>(queuedAtEnd), static_cast<long long>(s.dropped),
                static_cast<long long>(s.written), s.lastError.isEmpty() ? "no errors" : qPrintable(s.lastError));
    std::printf("| database size | %.1f MB per market-hour | %.0f MB for %d market-hours (20 levels per side per snapshot) |\n",
                bytes / 1e6 / (double(markets) * hours), bytes / 1e6, int(double(markets) * hours));
    return s.lastError.isEmpty() ? 0 : 1;
}
