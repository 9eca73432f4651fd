// Restoring a watchlist of recorded markets must not hold up the frames: the
// histories (chart points and baseline samples of the last hour) are read on
// the reader thread. A database with an hour of snapshots for 100 simulated
// markets; 10 markets live at 5,000 msgs/s, then the other 90 watched at once
// (as a restart restores them). Reports the frame-to-book delay (the frame's
// exchange timestamp to the book applied in the monitor thread, which counts
// any time a frame waits behind a blocked thread) and the monitor thread's
// event-loop lag, before and during the restore, as Markdown table rows.
// usage: bench_restore [markets=100] [rate=5000]
#include "monitor/monitorservice.h"
#include "sim/simengine.h"
#include "sim/simexchange.h"
#include "storage/historyreader.h"
#include "session/recorder.h"
#include "storage/storagewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <vector>

using namespace polymon;

namespace {

enum Phase { Warm, Before, Restore, After, Blocking, Done };

// Frame-to-book delay per phase, in the monitor thread.
class DelayProbe final : public BookListener
{
public:
    std::atomic<int> phase{Warm};
    std::vector<qint64> delays[6];
    void onTop(const AssetBook &, std::int64_t timestampMs) override
    {
        delays[phase.load()].push_back(QDateTime::currentMSecsSinceEpoch() - timestampMs);
    }
};

double percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return 0;
    const auto k = std::size_t(p * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return double(v[k]);
}

// An hour of recorded snapshots (one a second, 10 levels a side) and a few
// signals for every token of the simulated catalog.
qint64 writeHistory(const QString &path, const QList<MarketInfo> &markets, qint64 nowMs)
{
    StorageWriter writer(path, 2'000'000);
    writer.start();
    QByteArray levels = "[";
    for (int i = 0; i < 10; ++i)
        levels += QByteArray(i ? "," : "") + "[\"0." + QByteArray::number(40 + i) + "\",\"" + QByteArray::number(100 + i * 7) + ".5\"]";
    levels += "]";
    qint64 rows = 0;
    for (const MarketInfo &m : markets) {
        writer.enqueue(MarketRow{m.conditionId, m.question, m.slug, QString(), m.tokenIds, m.outcomes});
        for (const QString &token : m.tokenIds) {
            for (qint64 t = nowMs - 3'600'000; t < nowMs; t += 1'000) {
                SnapshotRow s;
                s.assetId = token;
                s.timestampMs = t;
                s.metrics.hasBid = s.metrics.hasAsk = true;
                s.metrics.bestBid = 490'000;
                s.metrics.bestAsk = 500'000;
                s.metrics.spread = 10'000;
                s.metrics.mid = 495'000;
                s.metrics.bandBidDepth = s.metrics.bandAskDepth = 5'000'000'000;
                s.bids = s.asks = levels;
                s.tickSize = 10'000;
                writer.enqueue(std::move(s));
                ++rows;
            }
            while (writer.stats().queued > 500'000)
                QThread::msleep(50);
        }
    }
    writer.waitUntilWritten(600'000);
    writer.stop();
    return rows;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int markets = argc > 1 ? std::max(20, std::atoi(argv[1])) : 100;
    const double rate = argc > 2 ? std::atof(argv[2]) : 5000;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("restore.db"));
    const quint64 seed = 7;

    // The catalog the service's simulator will have (same seed and count).
    SimExchange catalogSource(seed, markets);
    const QList<MarketInfo> catalog = catalogSource.catalog();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer clock;
    clock.start();
    const qint64 rows = writeHistory(db, catalog, now);
    std::fprintf(stderr, "history: %lld snapshot rows in %.1f s\n", static_cast<long long>(rows), double(clock.elapsed()) / 1000.0);

    MonitorService::Options options;
    options.forceSimulated = true;
    options.seed = seed;
    options.simMarkets = markets;
    options.simRate = rate;
    options.dbPath = db;
    DelayProbe probe;
    QThread worker;
    worker.setObjectName(QStringLiteral("monitor"));
    auto *service = new MonitorService(options);
    service->setBookListener(&probe);
    service->moveToThread(&worker);
    worker.start();
    int historiesLoaded = 0;
    QObject::connect(service, &MonitorService::historyLoaded, &app, [&historiesLoaded] { ++historiesLoaded; });
    QMetaObject::invokeMethod(service, &MonitorService::start, Qt::QueuedConnection);

    // The monitor thread's event-loop lag: a 5 ms timer in that thread.
    std::vector<qint64> lag[6];
    auto *lagTimer = new QTimer;
    lagTimer->setInterval(5);
    lagTimer->moveToThread(&worker);
    QElapsedTimer lagClock;
    qint64 lastTick = -1;
    QObject::connect(lagTimer, &QTimer::timeout, lagTimer, [&] {
        const qint64 t = lagClock.nsecsElapsed() / 1000;
        if (lastTick >= 0)
            lag[probe.phase.load()].push_back(std::max<qint64>(0, t - lastTick - 5'000));
        lastTick = t;
    });
    lagClock.start();
    QMetaObject::invokeMethod(lagTimer, qOverload<>(&QTimer::start), Qt::QueuedConnection);

    auto wait = [&app](int ms) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms)
            app.processEvents(QEventLoop::AllEvents, 20);
    };
    const int live = 10;
    for (int i = 0; i < live; ++i)
        QMetaObject::invokeMethod(service, [service, m = catalog.at(i)] { service->watch(m); }, Qt::QueuedConnection);
    wait(8'000);
    probe.phase = Before;
    wait(5'000);
    probe.phase = Restore;
    QElapsedTimer restore;
    restore.start();
    for (int i = live; i < markets; ++i)
        QMetaObject::invokeMethod(service, [service, m = catalog.at(i)] { service->watch(m); }, Qt::QueuedConnection);
    const int expected = 2 * markets; // every token has a recorded past
    while (historiesLoaded < expected && restore.elapsed() < 300'000)
        app.processEvents(QEventLoop::AllEvents, 20);
    const double restoreS = double(restore.elapsed()) / 1000.0;
    probe.phase = After;
    wait(3'000);
    // For comparison, the first release's way: the same reads of the 90
    // restored markets' past on the monitor thread itself.
    probe.phase = Blocking;
    QElapsedTimer blocking;
    blocking.start();
    QMetaObject::invokeMethod(
        service,
        [&] {
            for (int i = live; i < markets; ++i) {
                const MarketInfo &m = catalog.at(i);
                HistoryReader::read(db, {m.tokenIds, now - 3'600'000, now - 3'600'000, 1'000});
            }
        },
        Qt::QueuedConnection);
    wait(1'000);
    QMetaObject::invokeMethod(service, [] {}, Qt::BlockingQueuedConnection); // the reads are done
    const double blockingS = double(blocking.elapsed()) / 1000.0;
    wait(2'000);
    probe.phase = Done;
    QMetaObject::invokeMethod(lagTimer, &QObject::deleteLater, Qt::QueuedConnection);
    QMetaObject::invokeMethod(service, &MonitorService::stop, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(service, &QObject::deleteLater, Qt::QueuedConnection);
    worker.quit();
    worker.wait();

    auto row = [&](const char *what, Phase p) {
        std::printf("| %s | frame-to-book p50 %.0f ms, p99 %.0f ms, max %.0f ms | monitor-thread lag p99 %.1f ms, max %.1f ms; %zu updates |\n",
                    what, percentile(probe.delays[p], 0.5), percentile(probe.delays[p], 0.99),
                    percentile(probe.delays[p], 1.0), percentile(lag[p], 0.99) / 1000.0, percentile(lag[p], 1.0) / 1000.0,
                    probe.delays[p].size());
    };
    row("10 markets live, before the restore", Before);
    char what[160];
    std::snprintf(what, sizeof what, "while %d recorded markets are restored (%d histories in %.1f s)", markets - live,
                  historiesLoaded - 2 * live, restoreS);
    row(what, Restore);
    std::snprintf(what, sizeof what, "for comparison: the same reads on the monitor thread (%.1f s), as the first release did", blockingS);
    row(what, Blocking);
    std::printf("| database | %lld snapshot rows (an hour, 1/s, %d tokens) | %.0f MB |\n", static_cast<long long>(rows),
                2 * markets, double(QFileInfo(db).size()) / 1e6);
    return historiesLoaded >= expected ? 0 : 1;
}
