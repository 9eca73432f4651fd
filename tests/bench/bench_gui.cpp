// GUI load: the desktop window on the offscreen platform, the simulator at a
// given rate over N watched markets, for S seconds. Reports the window's
// frame rate, snapshot deliveries, event-loop lag and peak RSS as Markdown
// table rows. usage: bench_gui [seconds=60] [markets=100] [rate=5000] [chart|heatmap]
// (which view of the shown market is on screen: the price chart or the heatmap).
#include "mainwindow.h"
#include "marketlistmodel.h"
#include "marketview.h"
#include "monitor/monitorservice.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QWindow>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace polymon;

namespace {

long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Times each window repaint: an UpdateRequest to the main window is one
// frame, its handling paints every dirty widget.
class BenchApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    QWidget *window = nullptr;
    bool measuring = false;
    std::vector<double> frameMs;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!measuring || receiver != window || event->type() != QEvent::UpdateRequest)
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const bool result = QApplication::notify(receiver, event);
        frameMs.push_back(double(t.nsecsElapsed()) / 1e6);
        return result;
    }
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    BenchApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // leaves the user's settings alone
    QApplication::setOrganizationName(QStringLiteral("polymon-bench"));
    const QStringList args = QApplication::arguments();
    const int seconds = args.size() > 1 ? args[1].toInt() : 60;
    const int markets = args.size() > 2 ? args[2].toInt() : 100;
    const double rate = args.size() > 3 ? args[3].toDouble() : 5000.0;
    const QString view = args.size() > 4 ? args[4] : QStringLiteral("chart");
    if (seconds <= 0 || markets <= 0 || rate <= 0 || (view != QLatin1String("chart") && view != QLatin1String("heatmap"))) {
        std::fprintf(stderr, "usage: bench_gui [seconds>0] [markets>0] [rate>0] [chart|heatmap]\n");
        return 2;
    }
    QTemporaryDir dir;
    MonitorService::Options options;
    options.forceSimulated = true;
    options.seed = 7;
    options.simMarkets = markets;
    options.simRate = rate;
    if (!qEnvironmentVariableIsSet("POLYMON_BENCH_NO_DB"))
        options.dbPath = dir.filePath(QStringLiteral("bench.db")); // recording on, as `make run`

    QThread worker;
    auto *service = new MonitorService(options);
    service->moveToThread(&worker);
    worker.start();
    MainWindow window(service);
    window.resize(1440, 900);
    window.show();
    app.window = &window;
    int snapshots = 0;
    FeedStatus lastStatus;
    qint64 maxDbQueue = 0;
    QObject::connect(service, &MonitorService::snapshotsReady, &window,
                     [&](const QList<TopSnapshot> &, const FeedStatus &status) {
                         ++snapshots;
                         lastStatus = status;
                         maxDbQueue = std::max(maxDbQueue, status.dbQueued);
                     });
    // RSS once a minute, to tell a filling buffer from a leak.
    QElapsedTimer sinceStart;
    sinceStart.start();
    QTimer rssTimeline;
    rssTimeline.setInterval(60'000);
    QObject::connect(&rssTimeline, &QTimer::timeout, [&] {
        std::fprintf(stderr, "t=%llds rss_peak=%ldMB db_queue=%lld written=%lld dropped=%lld\n",
                     static_cast<long long>(sinceStart.elapsed() / 1000), peakRssKb() / 1024, static_cast<long long>(lastStatus.dbQueued),
                     static_cast<long long>(lastStatus.dbWritten), static_cast<long long>(lastStatus.dbDropped));
    });
    rssTimeline.start();
    QMetaObject::invokeMethod(service, &MonitorService::start, Qt::QueuedConnection);

    // Watch every market once the catalog is listed.
    QElapsedTimer setup;
    setup.start();
    while (window.marketList()->marketCount() < markets && setup.elapsed() < 20000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    for (int row = 0; row < window.marketList()->marketCount(); ++row)
        window.watchMarketRow(row);
    // Let the books arrive before measuring.
    while (setup.elapsed() < 8000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);

    // Event-loop lag: a 10 ms timer in the UI thread, lateness of each tick.
    std::vector<double> lagMs;
    lagMs.reserve(std::size_t(seconds) * 110);
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    qint64 lastTickNs = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTickNs > 0)
            lagMs.push_back(std::max(0.0, double(now - lastTickNs) / 1e6 - 10.0));
        lastTickNs = now;
    });
    const int snapshotsBefore = snapshots;
    const quint64 msgsBefore = lastStatus.frames;
    const double cpuBefore = cpuSeconds();
    clock.start();
    probe.start();
    app.measuring = true;
    // Switch tabs now and then, as a user would: each switch rebuilds a chart.
    auto showView = [&] {
        if (MarketView *shown = window.currentMarketView())
            if (auto *views = shown->findChild<QTabWidget *>(QStringLiteral("chartTabs")))
                views->setCurrentIndex(view == QLatin1String("heatmap") ? 1 : 0);
    };
    showView();
    QTimer tabSwitch;
    tabSwitch.setInterval(5000);
    QObject::connect(&tabSwitch, &QTimer::timeout, [&] {
        window.marketTabs()->setCurrentIndex((window.marketTabs()->currentIndex() + 7) % window.marketTabs()->count());
        showView();
    });
    tabSwitch.start();
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    QApplication::exec();
    const double wall = double(clock.nsecsElapsed()) / 1e9;
    app.measuring = false;
    const double cpu = cpuSeconds() - cpuBefore;
    const double fps = double(app.frameMs.size()) / wall;
    const double snapshotRate = double(snapshots - snapshotsBefore) / wall;
    const double msgRate = double(lastStatus.frames - msgsBefore) / wall;
    const long rssKb = peakRssKb();
    const int watched = window.watchedMarkets();

    QMetaObject::invokeMethod(service, &MonitorService::stop, Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
    delete service;

    std::printf("| messages received | %.0f msgs/s | %d watched markets (%d books), simulator target %.0f msgs/s |\n", msgRate,
                watched, watched * 2, rate);
    std::printf("| frame rate | %.1f fps | window repaints per second while data changes (target >= 30) |\n", fps);
    std::printf("| frame time p50 / p99 / max | %.2f / %.2f / %.2f ms | painting every dirty widget of one frame; %.0f fps possible at p99 |\n",
                percentile(app.frameMs, 0.5), percentile(app.frameMs, 0.99), percentile(app.frameMs, 1.0),
                1000.0 / std::max(0.01, percentile(app.frameMs, 0.99)));
    std::printf("| snapshot deliveries | %.1f /s | coalesced view updates (at most 30/s by design) |\n", snapshotRate);
    std::printf("| event-loop lag p50 / p99 / max | %.2f / %.2f / %.2f ms | 10 ms probe timer in the UI thread (target p99 < 50 ms) |\n",
                percentile(lagMs, 0.5), percentile(lagMs, 0.99), percentile(lagMs, 1.0));
    std::printf("| peak RSS | %.0f MB | whole process: window, monitor, recorder and the simulator thread (target < 300 MB) |\n",
                double(rssKb) / 1024.0);
    std::printf("| CPU | %.0f %% of one core | all threads, over %.0f s |\n", cpu / wall * 100.0, wall);
    std::printf("| recording | queue max %lld rows, %lld at the end, %lld written, %lld dropped | snapshots, trades and signals to SQLite |\n",
                static_cast<long long>(maxDbQueue), static_cast<long long>(lastStatus.dbQueued), static_cast<long long>(lastStatus.dbWritten),
                static_cast<long long>(lastStatus.dbDropped));
    return 0;
}
