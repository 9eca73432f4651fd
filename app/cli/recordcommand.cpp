#include "clicommon.h"
#include "commands.h"
#include "quitonsignal.h"
#include "storerecording.h"

#include "capture/capturewriter.h"
#include "monitor/marketmonitor.h"
#include "session/recordingservice.h"
#include "sim/simexchange.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace polymon::cli {

int recordCommand(int argc, char **argv, const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> options = {{"--out", true}, {"--duration", true}, {"--checkpoint-every", true}};
    options.insert(options.end(), kFeedOptions.begin(), kFeedOptions.end());
    options.insert(options.end(), kStoreOptions.begin(), kStoreOptions.end());
    CliArgs parser(options, 0);
    FeedChoice feed;
    if (!parse(parser, args))
        return 2;
    if (const int rc = readFeedChoice(parser, "record", feed))
        return rc;
    const bool sim = feed.sim;
    const std::string out = parser.value("--out");
    const QString store = QString::fromStdString(parser.value("--db"));
    double duration = 0, checkpointEvery = 60, retentionDays = 0;
    if (!readStoreChoice(parser, store, retentionDays))
        return 2;
    if (!parser.number("--duration", 0.001, 1e9, duration))
        return usage("--duration needs a positive number of seconds");
    if (!parser.number("--checkpoint-every", 1, 86'400, checkpointEvery))
        return usage("--checkpoint-every needs 1..86400 seconds");
    if (out.empty() && store.isEmpty())
        return usage("record needs --out FILE (a raw capture) or --db STORE (snapshots, trades, signals)");

    QCoreApplication app(argc, argv);
    QuitOnSignal quitOnSignal;
    FeedSettings feedSettings;
    std::unique_ptr<SimExchange> exchange;
    if (!connectFeed(feed, feedSettings, exchange))
        return 1;
    const QStringList &assets = feed.assets;
    // Arrival times on the wall clock, ns since the epoch, from the feed's steady stamps.
    const qint64 steadyToWallNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000 - steadyNowNs();
    MarketMonitor monitor(feedSettings);
    std::unique_ptr<CaptureWriter> capture;
    if (!out.empty()) {
        capture = std::make_unique<CaptureWriter>();
        std::string error;
        if (!capture->open(out, steadyToWallNs + steadyNowNs(), error)) {
            std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
            return 1;
        }
        QJsonObject note;
        note.insert(QStringLiteral("polymon"), QStringLiteral(POLYMON_VERSION));
        note.insert(QStringLiteral("endpoint"), feedSettings.endpoint.toString());
        note.insert(QStringLiteral("simulated"), sim);
        note.insert(QStringLiteral("assets"), QJsonArray::fromStringList(assets));
        capture->writeNote(steadyToWallNs + steadyNowNs(), QJsonDocument(note).toJson(QJsonDocument::Compact).toStdString());
        if (sim) {
            // The simulated markets by name, so a replay shows their questions.
            for (const MarketInfo &m : exchange->catalog())
                capture->writeNote(steadyToWallNs + steadyNowNs(), RecordingService::marketNote(m));
        }
        QObject::connect(&monitor, &MarketMonitor::frameReceived, &app,
                         [&](int connection, const QByteArray &frame, qint64 receivedNs) {
                             capture->writeFrame(connection, steadyToWallNs + receivedNs,
                                                 std::string_view(frame.constData(), std::size_t(frame.size())));
                         });
    }
    bool failing = false;
    QTimer flush;
    QObject::connect(&flush, &QTimer::timeout, &app, [&] {
        capture->flush();
        // A full disk is said once per streak; recording goes on when space returns.
        const bool nowFailing = !capture->lastError().empty() && capture->failedRecords() > 0;
        if (nowFailing && !failing)
            std::fprintf(stderr, "polymon-cli: %s (%llu records lost so far)\n", capture->lastError().c_str(),
                         static_cast<unsigned long long>(capture->failedRecords()));
        failing = nowFailing;
    });
    QTimer checkpoint;
    QObject::connect(&checkpoint, &QTimer::timeout, &app,
                     [&] { capture->writeCheckpoint(steadyToWallNs + steadyNowNs(), monitor.books()); });
    if (capture) {
        flush.start(1000);
        checkpoint.start(int(checkpointEvery * 1000));
    }
    // The store: snapshots, trades, the default signals with their outcomes, the coverage ledger.
    std::unique_ptr<StoreRecording> recording;
    if (!store.isEmpty()) {
        monitor.enableSignals(SignalSettings{});
        recording = std::make_unique<StoreRecording>(store, int(retentionDays), monitor, assets, [](const QString &m) {
            std::fprintf(stderr, "polymon-cli: %s\n", m.toUtf8().constData());
        });
        if (sim) {
            for (const MarketInfo &info : exchange->catalog())
                recording->recordMarket(info);
        }
    }
    monitor.subscribe(assets);
    if (duration > 0)
        QTimer::singleShot(int(duration * 1000), &app, &QCoreApplication::quit);
    app.exec();
    monitor.stop();
    recording.reset();
    if (capture) {
        capture->close();
        std::fprintf(stderr, "record: frames=%llu bytes=%llu lost=%llu file=%s\n",
                     static_cast<unsigned long long>(capture->frames()), static_cast<unsigned long long>(capture->bytes()),
                     static_cast<unsigned long long>(capture->failedRecords()), out.c_str());
    }
    return 0;
}

} // namespace polymon::cli
