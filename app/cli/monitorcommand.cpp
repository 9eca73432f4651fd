#include "clicommon.h"
#include "commands.h"
#include "quitonsignal.h"
#include "storerecording.h"
#include "terminalmonitor.h"

#include "monitor/marketmonitor.h"
#include "sim/simexchange.h"
#include "sim/simfaultschedule.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace polymon::cli {

int monitorCommand(int argc, char **argv, const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> options = {
        {"--chaos", false}, {"--json", false}, {"--db", true}, {"--duration", true}, {"--assets-per-connection", true},
        {"--retention-days", true}};
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
    double duration = 0, perConnection = FeedSettings().maxAssetsPerConnection, retentionDays = 0;
    if (!readStoreChoice(parser, dbPath, retentionDays))
        return 2;
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
    std::unique_ptr<StoreRecording> store;
    if (!dbPath.isEmpty()) {
        store = std::make_unique<StoreRecording>(dbPath, int(retentionDays), monitor, assets,
                                                 [&display](const QString &m) { display.note(m); });
        if (sim) {
            for (const MarketInfo &info : exchange->catalog())
                store->recordMarket(info);
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
    store.reset(); // the recorder's last heartbeat and coverage, then the writer's last batch
    return rc;
}

} // namespace polymon::cli
