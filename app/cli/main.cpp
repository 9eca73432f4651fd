// polymon-cli: headless entry point (replay, monitor, sim).
#include "quitonsignal.h"
#include "terminalmonitor.h"

#include "analysis/signalengine.h"
#include "analysis/signaljson.h"
#include "book/booklistener.h"
#include "book/booklistenerfanout.h"
#include "capture/capturewriter.h"
#include "monitor/marketmonitor.h"
#include "replay/backtest.h"
#include "replay/replayengine.h"
#include "replay/topsline.h"
#include "session/recordingservice.h"
#include "sim/simexchange.h"
#include "sim/simfaultschedule.h"
#include "storage/historyreader.h"
#include "storage/openoutcomeresolver.h"
#include "storage/recorder.h"
#include "storage/replayrecorder.h"
#include "storage/signalcsv.h"
#include "storage/storagewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace polymon;

namespace {

const char kUsage[] =
    "usage: polymon-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  replay FILE [--emit tops|signals|frames|none] [--db PATH] [SETTINGS]\n"
    "      Rebuild books from a recording: a raw capture (polymon-cli record) or\n"
    "      JSON text (an array, one object, or JSONL).\n"
    "      tops: one JSON line per applied book or change of a synced asset.\n"
    "      signals: one JSON line per signal, with its outcome, frames' own clock.\n"
    "      frames: every recorded frame, byte for byte, one per line.\n"
    "      none: only a summary line on stderr.\n"
    "      --db records snapshots, trades and signals with outcomes (SQLite).\n"
    "  monitor [--sim [--chaos]| --endpoint URL] [--asset ID]... [--json] [--duration S] [--seed N]\n"
    "          [--db PATH] [--assets-per-connection N] [SETTINGS]\n"
    "      Live books and signal alerts. With --sim and no --asset every simulated\n"
    "      market is watched. --db records snapshots, trades and signals (SQLite).\n"
    "      --assets-per-connection: tokens per WebSocket (default 200, at most 500).\n"
    "  record [--sim [--seed N] | --endpoint URL] [--asset ID]... --out FILE [--duration S]\n"
    "         [--checkpoint-every S]\n"
    "      Record every frame as received, with its arrival time and connection, and\n"
    "      a checkpoint of every book each S seconds (60), into a raw capture\n"
    "      (docs/capture.md) that replay reads. Headless; stops on SIGINT/SIGTERM.\n"
    "  sim [--port N] [--seed N] [--rate FRAMES_PER_S] [--markets N] [--chaos]\n"
    "      Serve the SIMULATED exchange on ws://127.0.0.1:N/ws/market until stopped.\n"
    "  export --db DB [--since TIME] [--market ID] --out FILE\n"
    "      Signal history with outcomes and market question as CSV (RFC 4180).\n"
    "      TIME: ISO 8601 (2026-11-25T10:00:00Z) or epoch milliseconds.\n"
    "  backtest --sim [--seed N] [--hours H] [--markets N] [--json] [--record FILE] [SETTINGS]\n"
    "      Scripted signal episodes in simulated time: precision, recall, delay, outcomes.\n"
    "      --record writes the simulated frames as JSONL for replay.\n"
    "\n"
    "  SETTINGS: --settings FILE.ini ([signals] key=value) and --set key=value,\n"
    "           keys as in docs/signals.md; applied in order.\n"
    "  --chaos  the simulated exchange misbehaves on a 3-minute loop: a truncated\n"
    "           frame, a dropped connection, 30 s without PONG, 75 s of silence.\n";

int usage(const char *problem = nullptr)
{
    if (problem)
        std::fprintf(stderr, "polymon-cli: %s\n\n", problem);
    std::fputs(kUsage, stderr);
    return 2;
}

bool parseNumber(const char *text, double min, double max, double &out)
{
    char *end = nullptr;
    const double v = std::strtod(text, &end);
    if (!end || *end != '\0' || end == text || !(v >= min && v <= max))
        return false;
    out = v;
    return true;
}

// Handles --settings FILE and --set key=value at args[i]; advances i.
// Returns 0 when args[i] is not a settings option, 1 when consumed, 2 on error.
int settingsOption(const std::vector<std::string> &args, std::size_t &i, SignalSettings &settings)
{
    const std::string &a = args[i];
    if (a != "--settings" && a != "--set")
        return 0;
    if (i + 1 >= args.size()) {
        usage((a + " needs a value").c_str());
        return 2;
    }
    const QString value = QString::fromStdString(args[++i]);
    QString error;
    bool ok;
    if (a == "--settings") {
        ok = SignalSettingsIo::load(settings, value, error);
    } else {
        const qsizetype eq = value.indexOf(QLatin1Char('='));
        ok = eq > 0 && SignalSettingsIo::set(settings, value.left(eq), value.mid(eq + 1), error);
        if (eq <= 0)
            error = QStringLiteral("--set needs key=value");
    }
    if (!ok) {
        usage(error.toUtf8().constData());
        return 2;
    }
    return 1;
}

class SignalPrinter final : public SignalListener
{
public:
    std::vector<Signal> resolved;
    void onOutcome(const Signal &s) override { resolved.push_back(s); }
    void print()
    {
        std::sort(resolved.begin(), resolved.end(), [](const Signal &a, const Signal &b) { return a.id < b.id; });
        for (const Signal &s : resolved)
            std::puts(SignalJson::line(s, true).c_str());
    }
};

class TopsPrinter final : public BookListener
{
public:
    void onTop(const AssetBook &asset, std::int64_t ts) override
    {
        TopsLine::append(m_out, asset, ts);
        if (m_out.size() > (1 << 16))
            flush();
    }
    void flush()
    {
        std::fwrite(m_out.data(), 1, m_out.size(), stdout);
        m_out.clear();
    }

private:
    std::string m_out;
};

bool isWebSocketUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss"));
}

// The simulated exchange in this process, listening on a free port; null
// (with the reason on stderr) when it cannot listen.
std::unique_ptr<SimExchange> startSimExchange(double seed)
{
    auto exchange = std::make_unique<SimExchange>(quint64(seed));
    if (exchange->listen(0))
        return exchange;
    std::fprintf(stderr, "polymon-cli: simulated exchange cannot listen: %s\n", exchange->errorString().toUtf8().constData());
    return nullptr;
}

int replayCommand(const std::vector<std::string> &args)
{
    std::string file;
    std::string emit = "tops";
    QString dbPath;
    SignalSettings settings;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (const int r = settingsOption(args, i, settings)) {
            if (r == 2)
                return 2;
        } else if (args[i] == "--db") {
            if (i + 1 >= args.size())
                return usage("--db needs a path");
            dbPath = QString::fromStdString(args[++i]);
        } else if (args[i] == "--emit") {
            if (i + 1 >= args.size())
                return usage("--emit needs tops, signals, frames or none");
            emit = args[++i];
            if (emit != "tops" && emit != "none" && emit != "signals" && emit != "frames")
                return usage(("unknown --emit value: " + emit).c_str());
        } else if (!args[i].empty() && args[i][0] == '-') {
            return usage(("unknown option: " + args[i]).c_str());
        } else if (file.empty()) {
            file = args[i];
        } else {
            return usage("replay takes one FILE");
        }
    }
    if (file.empty())
        return usage("replay needs a FILE");

    TopsPrinter printer;
    SignalPrinter signalPrinter;
    SignalEngine analysis(settings, &signalPrinter);
    std::unique_ptr<StorageWriter> writer;
    std::unique_ptr<ReplayRecorder> recorder;
    BookListenerFanOut listeners;
    if (emit == "tops")
        listeners.add(&printer);
    if (emit == "signals" || !dbPath.isEmpty())
        listeners.add(&analysis);
    if (!dbPath.isEmpty()) {
        writer = std::make_unique<StorageWriter>(dbPath);
        writer->start();
        recorder = std::make_unique<ReplayRecorder>(*writer, settings.band);
        listeners.add(recorder.get());
    }
    ReplayEngine engine(&listeners);
    std::string error;
    if (!engine.loadFile(file, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
        return 1;
    }
    if (engine.isCapture() && !engine.captureComplete())
        std::fprintf(stderr, "polymon-cli: %s ends in a cut record (the recorder stopped mid-write): read up to the "
                             "last whole one\n",
                     file.c_str());
    if (emit == "frames") {
        // Byte for byte as received, one per line, for any other tool to check.
        engine.forEachFrame([](std::string_view frame) {
            std::fwrite(frame.data(), 1, frame.size(), stdout);
            std::fputc('\n', stdout);
        });
        return 0;
    }
    const ReplaySummary s = engine.run();
    printer.flush();
    analysis.finish();
    if (emit == "signals")
        signalPrinter.print();
    if (writer) {
        for (const Signal &sig : signalPrinter.resolved)
            writer->enqueue(SignalRow{sig, false});
        writer->stop(); // writes everything queued
        const StorageStats st = writer->stats();
        if (!st.lastError.isEmpty() || st.queued > 0) {
            std::fprintf(stderr, "polymon-cli: recording to %s failed: %s\n", dbPath.toUtf8().constData(),
                         st.lastError.toUtf8().constData());
            return 1;
        }
        std::fprintf(stderr, "recorded %lld rows (%zu signals) to %s\n", static_cast<long long>(st.written),
                     signalPrinter.resolved.size(), dbPath.toUtf8().constData());
    }
    std::fflush(stdout);
    if (emit == "none") {
        std::fprintf(stderr,
                     "replay: entries_applied=%llu unsynced_skipped=%llu levels_dropped=%llu desyncs=%llu "
                     "errors=%llu seconds=%.3f entries_per_s=%.0f\n",
                     static_cast<unsigned long long>(s.entriesApplied),
                     static_cast<unsigned long long>(s.unsyncedEntriesSkipped),
                     static_cast<unsigned long long>(s.levelsDropped), static_cast<unsigned long long>(s.desyncs),
                     static_cast<unsigned long long>(s.errors), s.seconds, s.entriesPerSecond());
    }
    return 0;
}

int monitorCommand(int argc, char **argv, const std::vector<std::string> &args)
{
    bool sim = false;
    bool chaos = false;
    bool json = false;
    QString dbPath;
    double duration = 0;
    double seed = 1;
    QString endpoint;
    QStringList assets;
    SignalSettings settings;
    double perConnection = FeedSettings().maxAssetsPerConnection;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (const int r = settingsOption(args, i, settings)) {
            if (r == 2)
                return 2;
        } else if (a == "--assets-per-connection" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 1, kMaxAssetsPerConnection, perConnection))
                return usage("--assets-per-connection needs 1..500");
        } else if (a == "--sim") {
            sim = true;
        } else if (a == "--chaos") {
            chaos = true;
        } else if (a == "--json") {
            json = true;
        } else if (a == "--db" && hasValue) {
            dbPath = QString::fromStdString(args[++i]);
        } else if (a == "--endpoint" && hasValue) {
            endpoint = QString::fromStdString(args[++i]);
            if (!isWebSocketUrl(endpoint))
                return usage("--endpoint needs a ws:// or wss:// URL");
        } else if (a == "--asset" && hasValue) {
            assets << QString::fromStdString(args[++i]);
        } else if (a == "--duration" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0.001, 1e9, duration))
                return usage("--duration needs a positive number of seconds");
        } else if (a == "--seed" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0, 1e15, seed))
                return usage("--seed needs a non-negative integer");
        } else {
            return usage(("bad monitor argument: " + a).c_str());
        }
    }
    if (sim && !endpoint.isEmpty())
        return usage("--sim and --endpoint exclude each other");
    if (chaos && !sim)
        return usage("--chaos needs --sim");
    if (!sim && assets.isEmpty())
        return usage("monitor needs --asset ID (or --sim)");

    QCoreApplication app(argc, argv);
    QuitOnSignal quitOnSignal;
    FeedSettings feedSettings;
    feedSettings.maxAssetsPerConnection = int(perConnection);
    std::unique_ptr<SimExchange> exchange;
    if (sim) {
        exchange = startSimExchange(seed);
        if (!exchange)
            return 1;
        feedSettings.endpoint = exchange->url();
        // Signals need a warm baseline: episodes start after it.
        exchange->scheduleEpisodes((settings.minWarmupMinutes + 1) * 60'000LL, 3 * 60'000LL);
    } else if (!endpoint.isEmpty()) {
        feedSettings.endpoint = QUrl(endpoint);
    }

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
        if (assets.isEmpty()) {
            for (const std::string &id : engine.allAssetIds())
                assets << QString::fromStdString(id);
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

int simCommand(int argc, char **argv, const std::vector<std::string> &args)
{
    double port = 0, seed = 1, rate = 50, markets = 12;
    bool chaos = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--port" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0, 65535, port))
                return usage("--port needs 0..65535");
        } else if (a == "--seed" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0, 1e15, seed))
                return usage("--seed needs a non-negative integer");
        } else if (a == "--rate" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0, 1e6, rate))
                return usage("--rate needs 0..1000000 frames per second");
        } else if (a == "--markets" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 1, 5000, markets))
                return usage("--markets needs 1..5000");
        } else if (a == "--chaos") {
            chaos = true;
        } else {
            return usage(("bad sim argument: " + a).c_str());
        }
    }
    QCoreApplication app(argc, argv);
    QuitOnSignal quitOnSignal;
    SimExchange exchange{quint64(seed), int(markets)};
    exchange.setRate(rate);
    if (!exchange.listen(quint16(port))) {
        std::fprintf(stderr, "polymon-cli: cannot listen on port %d: %s\n", int(port),
                     exchange.errorString().toUtf8().constData());
        return 1;
    }
    std::fprintf(stdout, "SIMULATED exchange on %s (seed %.0f, %d markets, %.0f frames/s)\n",
                 exchange.url().toString().toUtf8().constData(), seed, int(markets), rate);
    for (const SimMarket &m : exchange.engine().markets())
        std::fprintf(stdout, "  %s\n    YES %s\n    NO  %s\n", m.question.c_str(), m.yesToken.c_str(), m.noToken.c_str());
    std::fflush(stdout);
    SimFaultSchedule faults(exchange);
    QObject::connect(&faults, &SimFaultSchedule::faultInjected, &faults, [](const QString &what) {
        std::fprintf(stdout, "fault: %s\n", what.toUtf8().constData());
        std::fflush(stdout);
    });
    if (chaos)
        faults.start();
    return app.exec();
}

int recordCommand(int argc, char **argv, const std::vector<std::string> &args)
{
    bool sim = false;
    double seed = 1, duration = 0, checkpointEvery = 60;
    QString endpoint;
    QStringList assets;
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--sim") {
            sim = true;
        } else if (a == "--seed" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0, 1e15, seed))
                return usage("--seed needs a non-negative integer");
        } else if (a == "--endpoint" && hasValue) {
            endpoint = QString::fromStdString(args[++i]);
            if (!isWebSocketUrl(endpoint))
                return usage("--endpoint needs a ws:// or wss:// URL");
        } else if (a == "--asset" && hasValue) {
            assets << QString::fromStdString(args[++i]);
        } else if (a == "--out" && hasValue) {
            out = args[++i];
        } else if (a == "--duration" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0.001, 1e9, duration))
                return usage("--duration needs a positive number of seconds");
        } else if (a == "--checkpoint-every" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 1, 86'400, checkpointEvery))
                return usage("--checkpoint-every needs 1..86400 seconds");
        } else {
            return usage(("bad record argument: " + a).c_str());
        }
    }
    if (out.empty())
        return usage("record needs --out FILE");
    if (sim && !endpoint.isEmpty())
        return usage("--sim and --endpoint exclude each other");
    if (!sim && assets.isEmpty())
        return usage("record needs --asset ID (or --sim)");

    QCoreApplication app(argc, argv);
    QuitOnSignal quitOnSignal;
    FeedSettings feedSettings;
    std::unique_ptr<SimExchange> exchange;
    if (sim) {
        exchange = startSimExchange(seed);
        if (!exchange)
            return 1;
        feedSettings.endpoint = exchange->url();
        if (assets.isEmpty()) {
            for (const std::string &id : exchange->engine().allAssetIds())
                assets << QString::fromStdString(id);
        }
    } else if (!endpoint.isEmpty()) {
        feedSettings.endpoint = QUrl(endpoint);
    }
    // Arrival times on the wall clock, ns since the epoch, from the feed's steady stamps.
    const qint64 steadyToWallNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000 - steadyNowNs();
    CaptureWriter writer;
    std::string error;
    if (!writer.open(out, steadyToWallNs + steadyNowNs(), error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
        return 1;
    }
    QJsonObject note;
    note.insert(QStringLiteral("polymon"), QStringLiteral(POLYMON_VERSION));
    note.insert(QStringLiteral("endpoint"), feedSettings.endpoint.toString());
    note.insert(QStringLiteral("simulated"), sim);
    note.insert(QStringLiteral("assets"), QJsonArray::fromStringList(assets));
    writer.writeNote(steadyToWallNs + steadyNowNs(), QJsonDocument(note).toJson(QJsonDocument::Compact).toStdString());
    if (sim) {
        // The simulated markets by name, so a replay shows their questions.
        for (const MarketInfo &m : exchange->catalog())
            writer.writeNote(steadyToWallNs + steadyNowNs(), RecordingService::marketNote(m));
    }

    MarketMonitor monitor(feedSettings);
    bool failing = false;
    QObject::connect(&monitor, &MarketMonitor::frameReceived, &app,
                     [&](int connection, const QByteArray &frame, qint64 receivedNs) {
                         writer.writeFrame(connection, steadyToWallNs + receivedNs,
                                           std::string_view(frame.constData(), std::size_t(frame.size())));
                     });
    QTimer flush;
    QObject::connect(&flush, &QTimer::timeout, &app, [&] {
        writer.flush();
        // A full disk is said once per streak; recording goes on when space returns.
        const bool nowFailing = !writer.lastError().empty() && writer.failedRecords() > 0;
        if (nowFailing && !failing)
            std::fprintf(stderr, "polymon-cli: %s (%llu records lost so far)\n", writer.lastError().c_str(),
                         static_cast<unsigned long long>(writer.failedRecords()));
        failing = nowFailing;
    });
    flush.start(1000);
    QTimer checkpoint;
    QObject::connect(&checkpoint, &QTimer::timeout, &app,
                     [&] { writer.writeCheckpoint(steadyToWallNs + steadyNowNs(), monitor.books()); });
    checkpoint.start(int(checkpointEvery * 1000));
    monitor.subscribe(assets);
    if (duration > 0)
        QTimer::singleShot(int(duration * 1000), &app, &QCoreApplication::quit);
    app.exec();
    monitor.stop();
    writer.close();
    std::fprintf(stderr, "record: frames=%llu bytes=%llu lost=%llu file=%s\n",
                 static_cast<unsigned long long>(writer.frames()), static_cast<unsigned long long>(writer.bytes()),
                 static_cast<unsigned long long>(writer.failedRecords()), out.c_str());
    return 0;
}

int exportCommand(const std::vector<std::string> &args)
{
    QString db, out;
    SignalCsv::Filter filter;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--db" && hasValue) {
            db = QString::fromStdString(args[++i]);
        } else if (a == "--out" && hasValue) {
            out = QString::fromStdString(args[++i]);
        } else if (a == "--market" && hasValue) {
            filter.market = QString::fromStdString(args[++i]);
        } else if (a == "--since" && hasValue) {
            const QString since = QString::fromStdString(args[++i]);
            bool isNumber = false;
            filter.sinceMs = since.toLongLong(&isNumber);
            if (!isNumber) {
                const QDateTime t = QDateTime::fromString(since, Qt::ISODateWithMs);
                if (!t.isValid())
                    return usage("--since needs ISO 8601 time or epoch milliseconds");
                filter.sinceMs = t.toMSecsSinceEpoch();
            }
        } else {
            return usage(("bad export argument: " + a).c_str());
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

int backtestCommand(const std::vector<std::string> &args)
{
    Backtest::Options options;
    bool json = false;
    bool sim = false;
    double seed = 1, hours = 4, markets = 8;
    SignalSettings settings;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (const int r = settingsOption(args, i, settings)) {
            if (r == 2)
                return 2;
        } else if (a == "--sim") {
            sim = true;
        } else if (a == "--json") {
            json = true;
        } else if (a == "--seed" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0, 1e15, seed))
                return usage("--seed needs a non-negative integer");
        } else if (a == "--hours" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 0.1, 1000, hours))
                return usage("--hours needs 0.1..1000");
        } else if (a == "--record" && hasValue) {
            options.recordPath = args[++i];
        } else if (a == "--markets" && hasValue) {
            if (!parseNumber(args[++i].c_str(), 2, 500, markets))
                return usage("--markets needs 2..500");
        } else {
            return usage(("bad backtest argument: " + a).c_str());
        }
    }
    if (!sim)
        return usage("backtest needs --sim (recorded sessions come with storage)");
    options.seed = quint64(seed);
    options.hours = hours;
    options.markets = int(markets);
    std::string error;
    const BacktestReport report = Backtest::run(options, settings, &error);
    if (!error.empty()) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
        return 1;
    }
    if (json) {
        std::puts(QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    std::printf("backtest: seed %llu, %.1f simulated hours, %d markets, %llu frames in %.1f s\n",
                static_cast<unsigned long long>(report.seed), report.hours, report.markets,
                static_cast<unsigned long long>(report.frames), report.wallSeconds);
    std::printf("%-17s %6s %7s %9s %7s %9s %9s %11s\n", "type", "labels", "signals", "precision", "recall",
                "delay s", "reverted", "max profit");
    for (int i = 0; i < kSignalTypeCount; ++i) {
        const BacktestTypeStats &t = report.types[std::size_t(i)];
        std::printf("%-17s %6d %7d %9.2f %7.2f %9.1f %8.0f%% %10.2fc\n", signalTypeName(SignalType(i)), t.labels,
                    t.signals, t.precision(), t.recall(), t.meanDelayS,
                    t.resolved ? 100.0 * t.reverted / t.resolved : 0.0, t.meanMaxProfit * 100.0);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const std::string command = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "replay")
        return replayCommand(args);
    if (command == "monitor")
        return monitorCommand(argc, argv, args);
    if (command == "sim")
        return simCommand(argc, argv, args);
    if (command == "backtest")
        return backtestCommand(args);
    if (command == "export")
        return exportCommand(args);
    if (command == "record")
        return recordCommand(argc, argv, args);
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command == "--version" || command == "version") {
        std::printf("polymon-cli %s\n", POLYMON_VERSION);
        return 0;
    }
    return usage(("unknown command: " + command).c_str());
}
