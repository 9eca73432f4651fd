#include "clicommon.h"
#include "commands.h"
#include "storage/databaselocation.h"
#include "quitonsignal.h"
#include "terminalmonitor.h"

#include "monitor/marketmonitor.h"
#include "session/recorder.h"
#include "sim/simexchange.h"
#include "sim/simfaultschedule.h"
#include "storage/historyreader.h"
#include "storage/openoutcomeresolver.h"
#include "storage/storagewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace polymon::cli {

int monitorCommand(int argc, char **argv, const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> options = {
        {"--chaos", false}, {"--json", false}, {"--db", true}, {"--duration", true}, {"--assets-per-connection", true}};
    options.insert(options.end(), kFeedOptions.begin(), kFeedOptions.end());
    options.insert(options.end(), kSettingsOptions.begin(), kSettingsOptions.end());
    CliArgs parser(options, 0);
    SignalSettings settings;
    FeedChoice feed;
    if (!parse(parser, args) || !applySettings(parser, settings))
        return 2;
    if (const int rc = readFeedChoice(parser, "monitor", feed))
        return rc;
    const bool sim = feed.sim;
    const bool chaos = parser.has("--chaos");
    const bool json = parser.has("--json");
    const QString dbPath = QString::fromStdString(parser.value("--db"));
    if (!dbPath.isEmpty()) {
        DatabaseLocation location; // a path, or the shared store's postgresql:// URL
        QString dbError;
        if (!DatabaseLocation::parse(dbPath, location, dbError))
            return usage(dbError.toUtf8().constData());
    }
    double duration = 0, perConnection = FeedSettings().maxAssetsPerConnection;
    if (!parser.number("--duration", 0.001, 1e9, duration))
        return usage("--duration needs a positive number of seconds");
    if (!parser.number("--assets-per-connection", 1, kMaxAssetsPerConnection, perConnection))
        return usage("--assets-per-connection needs 1..500");
    if (chaos && !sim)
        return usage("--chaos needs --sim");

    QCoreApplication app(argc, argv);
    QuitOnSignal quitOnSignal;
    FeedSettings feedSettings;
    feedSettings.maxAssetsPerConnection = int(perConnection);
    std::unique_ptr<SimExchange> exchange;
    if (!connectFeed(feed, feedSettings, exchange))
        return 1;
    const QStringList &assets = feed.assets;
    if (sim) // signals need a warm baseline: episodes start after it
        exchange->scheduleEpisodes((settings.minWarmupMinutes + 1) * 60'000LL, 3 * 60'000LL);

    MarketMonitor monitor(feedSettings);
    monitor.enableSignals(settings);
    TerminalMonitor display(monitor, json);
    display.setSimulated(sim);
    if (sim) {
        const SimEngine &engine = exchange->engine();
        for (const SimMarket &m : engine.markets()) {
            display.setLabel(QString::fromStdString(m.yesToken), QStringLiteral("YES  ") + QString::fromStdString(m.question));
            display.setLabel(QString::fromStdString(m.noToken), QStringLiteral("NO   ") + QString::fromStdString(m.question));
        }
    }
    std::unique_ptr<StorageWriter> writer;
    std::unique_ptr<Recorder> recorder;
    if (!dbPath.isEmpty()) {
        // Recording problems are reported, never fatal: monitoring goes on.
        writer = std::make_unique<StorageWriter>(dbPath);
        QObject::connect(writer.get(), &StorageWriter::errorOccurred, &display,
                         [&display](const QString &m) { display.note(QStringLiteral("storage error: ") + m); });
        QObject::connect(writer.get(), &StorageWriter::recovered, &display,
                         [&display] { display.note(QStringLiteral("storage recovered")); });
        writer->start();
        // Before anything is subscribed: no frame waits on this read.
        const SignalSettings &ss = monitor.signalEngine()->settings();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        int seeded = 0;
        for (const AssetHistory &h : HistoryReader::read(
                 dbPath, {assets, now, now - qint64(ss.baselineBuckets) * ss.bucketSeconds * 1000, ss.sampleIntervalMs}))
            seeded += HistoryReader::seedBaseline(h, *monitor.signalEngine());
        if (seeded > 0)
            display.note(QStringLiteral("baselines seeded from %1 stored snapshots").arg(seeded));
        const QList<Signal> open = OpenOutcomeResolver::resolve(dbPath, ss.horizonMs, now, now);
        for (const Signal &s : open)
            writer->enqueue(SignalRow{s, true});
        if (!open.isEmpty())
            display.note(QStringLiteral("%1 signals left open by an earlier run resolved").arg(open.size()));
        recorder = std::make_unique<Recorder>(monitor, *writer, monitor.signalEngine()->settings().band);
        if (sim) {
            for (const MarketInfo &info : exchange->catalog())
                recorder->recordMarket(info);
        }
    }
    monitor.subscribe(assets);
    std::unique_ptr<SimFaultSchedule> faults;
    if (chaos) {
        faults = std::make_unique<SimFaultSchedule>(*exchange);
        QObject::connect(faults.get(), &SimFaultSchedule::faultInjected, &display, [&display](const QString &what) {
            display.note(QStringLiteral("simulated fault: ") + what);
        });
        faults->start();
    }
    if (duration > 0)
        QTimer::singleShot(int(duration * 1000), &app, &QCoreApplication::quit);
    const int rc = app.exec();
    monitor.stop();
    if (!json)
        display.render();
    recorder.reset(); // its last heartbeat and coverage, before the writer's last batch
    if (writer) {
        writer->stop();
        const StorageStats st = writer->stats();
        std::fprintf(stderr, "storage: %lld rows written, %lld dropped, %lld queued%s%s\n",
                     static_cast<long long>(st.written), static_cast<long long>(st.dropped),
                     static_cast<long long>(st.queued), st.lastError.isEmpty() ? "" : ", last error: ",
                     st.lastError.toUtf8().constData());
    }
    return rc;
}

} // namespace polymon::cli
