#include "analysis/signaljson.h"
#include "book/bookstore.h"
#include "capture/capturewriter.h"
#include "monitor/marketmonitor.h"
#include "replay/topsline.h"
#include "session/captureplayer.h"
#include "session/recordingservice.h"
#include "sim/simengine.h"
#include "sim/simexchange.h"
#include "sim/simwarmup.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace polymon;

namespace {

// Every top the monitor applies, in the replay format.
struct TopsProbe final : BookListener
{
    std::string out;
    std::size_t count = 0;
    void onTop(const AssetBook &a, std::int64_t ts) override
    {
        TopsLine::append(out, a, ts);
        ++count;
    }
};

QStringList ids(const SimEngine &engine)
{
    QStringList out;
    for (const std::string &id : engine.allAssetIds())
        out << QString::fromStdString(id);
    return out;
}

} // namespace

// A session recorded live from the simulator and played back from its raw
// capture through the same MarketMonitor gives the same books, tops and
// signals; the player keeps the recorded pace, seeks and steps.
class TstSession final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void init() { qRegisterMetaType<polymon::Signal>(); }

    void replayOfACaptureGivesTheLiveSessionsBooksAndSignals()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.pmcap"));
        const quint64 seed = 5;
        const int markets = 4;
        SimExchange exchange(seed, markets);
        exchange.setRate(400);
        exchange.scheduleEpisodes(500, 6'000);
        QVERIFY(exchange.listen());
        FeedSettings feed;
        feed.endpoint = exchange.url();
        const SignalSettings settings;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QStringList assets = ids(exchange.engine());

        // Live: warm baselines, signals on, every frame into the capture.
        CaptureWriter writer;
        std::string error;
        QVERIFY(writer.open(path.toStdString(), now * 1'000'000, error));
        TopsProbe liveTops;
        MarketMonitor live(feed);
        live.enableSignals(settings);
        SimWarmup::run(*live.signalEngine(), seed, markets, 40.0, now - 30 * 60'000, now);
        live.setBookListener(&liveTops);
        QList<Signal> liveSignals;
        connect(&live, &MarketMonitor::signalFired, this, [&liveSignals](const Signal &s) { liveSignals << s; });
        connect(&live, &MarketMonitor::frameReceived, this, [&writer](int connection, const QByteArray &frame, qint64 ns) {
            writer.writeFrame(connection, ns, std::string_view(frame.constData(), std::size_t(frame.size())));
        });
        live.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(liveSignals.size() >= 2 && liveTops.count > 5'000, 60'000);
        live.stop(); // no frame after this one is parsed or written
        QCoreApplication::processEvents();
        live.signalEngine()->flush();
        writer.close();
        QCOMPARE(writer.failedRecords(), quint64(0));

        // Replay: the same monitor over the capture, as fast as possible.
        auto player = std::make_unique<CapturePlayer>();
        QString openError;
        QVERIFY2(player->open(path, openError), qPrintable(openError));
        CapturePlayer *p = player.get();
        MarketMonitor replay(std::move(player), feed);
        replay.enableSignals(settings);
        SimWarmup::run(*replay.signalEngine(), seed, markets, 40.0, now - 30 * 60'000, now);
        TopsProbe replayTops;
        replay.setBookListener(&replayTops);
        QList<Signal> replaySignals;
        connect(&replay, &MarketMonitor::signalFired, this, [&replaySignals](const Signal &s) { replaySignals << s; });
        replay.subscribe(assets);
        QSignalSpy finished(p, &CapturePlayer::finished);
        p->setSpeed(0);
        p->play();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        replay.signalEngine()->flush();

        QCOMPARE(replayTops.count, liveTops.count);
        QVERIFY(replayTops.out == liveTops.out); // every top, byte for byte
        QCOMPARE(replaySignals.size(), liveSignals.size());
        for (qsizetype i = 0; i < liveSignals.size(); ++i)
            QCOMPARE(SignalJson::line(replaySignals[i], false), SignalJson::line(liveSignals[i], false));
        // The books at the end, level for level.
        live.books().forEach([&](const AssetBook &a) {
            const AssetBook *b = replay.books().find(a.assetId);
            QVERIFY(b);
            QCOMPARE(b->book.bidDepth(), a.book.bidDepth());
            QCOMPARE(b->book.askDepth(), a.book.askDepth());
            QCOMPARE(b->book.bids().size(), a.book.bids().size());
            QCOMPARE(b->book.asks().size(), a.book.asks().size());
        });
    }

    void liveSignalsEqualTheCliReplayOfTheirFrames()
    {
        // A live session on event time only, no warm-up from simulated past
        // (a short baseline instead), its frames captured; then the CLI's
        // replay of the capture: the same signals, in the same order.
        const QString path = m_dir.filePath(QStringLiteral("live-cli.pmcap"));
        // A 30 s baseline is too short for the dispersion, rise, clipping and
        // holding conditions (clipped from its first second, it could never
        // follow the simulator's book as it fills): the ratios alone, so that
        // the scripted episodes fire within the wait. Both runs use the same.
        const QStringList overrides{QStringLiteral("min_warmup_minutes=0"), QStringLiteral("full_warmup_minutes=1"),
                                    QStringLiteral("bucket_seconds=1"), QStringLiteral("baseline_buckets=30"),
                                    QStringLiteral("panic_ask_depth_z=0"), QStringLiteral("fomo_bid_depth_z=0"),
                                    QStringLiteral("panic_spread_z=0"), QStringLiteral("spike_min_rise=0"),
                                    QStringLiteral("baseline_clip_z=0"), QStringLiteral("vacuum_min_ms=0"),
                                    QStringLiteral("vacuum_max_fall=0")};
        SignalSettings settings;
        for (const QString &kv : overrides) {
            QString error;
            QVERIFY(SignalSettingsIo::set(settings, kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1), error));
        }
        SimExchange exchange(9, 4);
        exchange.setRate(400);
        exchange.scheduleEpisodes(3'000, 5'000);
        QVERIFY(exchange.listen());
        FeedSettings feed;
        feed.endpoint = exchange.url();
        CaptureWriter writer;
        std::string error;
        QVERIFY(writer.open(path.toStdString(), QDateTime::currentMSecsSinceEpoch() * 1'000'000, error));
        MarketMonitor live(feed);
        live.enableSignals(settings);
        QList<Signal> liveSignals;
        connect(&live, &MarketMonitor::signalFired, this, [&liveSignals](const Signal &s) { liveSignals << s; });
        connect(&live, &MarketMonitor::frameReceived, this, [&writer](int connection, const QByteArray &frame, qint64 ns) {
            writer.writeFrame(connection, ns, std::string_view(frame.constData(), std::size_t(frame.size())));
        });
        live.subscribe(ids(exchange.engine()));
        QTRY_VERIFY_WITH_TIMEOUT(liveSignals.size() >= 3, 90'000);
        live.stop();
        QCoreApplication::processEvents();
        live.signalEngine()->flush(); // the last timestamp, as the replay's end does
        writer.close();

        QStringList args{QStringLiteral("replay"), path, QStringLiteral("--emit"), QStringLiteral("signals")};
        for (const QString &kv : overrides)
            args << QStringLiteral("--set") << kv;
        QProcess replay;
        replay.start(QStringLiteral(POLYMON_CLI_PATH), args);
        QVERIFY(replay.waitForFinished(60'000));
        QCOMPARE(replay.exitCode(), 0);
        QList<QJsonObject> replayed;
        for (const QByteArray &line : replay.readAllStandardOutput().split('\n')) {
            QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.isEmpty())
                continue;
            o.remove(QStringLiteral("outcome")); // resolved at the replay's end; live ones are still open
            replayed << o;
        }
        QCOMPARE(replayed.size(), liveSignals.size());
        for (qsizetype i = 0; i < liveSignals.size(); ++i) {
            const QJsonObject live = QJsonDocument::fromJson(QByteArray::fromStdString(SignalJson::line(liveSignals[i], false))).object();
            QCOMPARE(replayed[i], live);
        }
    }

    void recordingServiceCapturesWhatTheMonitorSaw()
    {
        // The desktop's recorder: the database and the raw capture of a session.
        QTemporaryDir dir;
        SimExchange exchange(6, 3);
        exchange.setRate(300);
        QVERIFY(exchange.listen());
        FeedSettings feed;
        feed.endpoint = exchange.url();
        RecordingService::Options options;
        options.dbPath = dir.filePath(QStringLiteral("session.db"));
        options.captureDir = dir.filePath(QStringLiteral("captures"));
        options.checkpointEveryMs = 300;
        QString capturePath;
        quint64 frames = 0;
        {
            RecordingService recording(options);
            MarketMonitor monitor(feed);
            recording.attach(monitor, 100'000, QStringLiteral("simulated"));
            const QStringList assets = ids(exchange.engine());
            monitor.subscribe(assets);
            for (const MarketInfo &m : exchange.catalog())
                recording.noteSubscribed(m);
            QTRY_VERIFY_WITH_TIMEOUT(monitor.parserStats().frames > 500 && recording.captureStatus().bytes > 100'000, 20'000);
            monitor.stop();
            QCoreApplication::processEvents();
            frames = monitor.parserStats().frames;
            capturePath = recording.captureStatus().path;
            QVERIFY(capturePath.endsWith(QLatin1String("-simulated.pmcap")));
            QCOMPARE(recording.captureStatus().frames, frames);
            recording.detach();
            QVERIFY(recording.databaseStats().written > 0);
        }
        CapturePlayer player;
        QString error;
        QVERIFY2(player.open(capturePath, error), qPrintable(error));
        QVERIFY(player.complete());
        QCOMPARE(player.recordedAssets(), ids(exchange.engine()));
        QCOMPARE(player.recordedMarkets().size(), 3);
        QCOMPARE(player.recordedMarkets().first().question, exchange.catalog().first().question);
        QVERIFY(player.checkpointCount() >= 2);
        quint64 played = 0;
        connect(&player, &FrameSource::frameReceived, this, [&played] { ++played; });
        QSignalSpy finished(&player, &CapturePlayer::finished);
        player.setSpeed(0);
        player.play();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QCOMPARE(played, frames);
    }

    void playerKeepsThePaceSeeksAndSteps()
    {
        // Two recorded seconds: a frame every 10 ms, a checkpoint every 500 ms.
        const QString path = m_dir.filePath(QStringLiteral("paced.pmcap"));
        SimEngine engine(8, 2);
        const qint64 t0 = 1'800'000'000'000'000'000;
        std::vector<std::pair<qint64, std::string>> frames;
        for (const std::string &id : engine.allAssetIds())
            frames.emplace_back(t0, engine.bookEvent(id, 1'000));
        for (int i = 1; i <= 200; ++i)
            frames.emplace_back(t0 + i * 10'000'000LL, engine.next(1'000 + i * 10).json);
        {
            CaptureWriter writer;
            std::string error;
            QVERIFY(writer.open(path.toStdString(), t0, error));
            BookStore books;
            FrameParser parser;
            qint64 nextCheckpoint = t0 + 500'000'000;
            for (const auto &[t, f] : frames) {
                if (t >= nextCheckpoint) {
                    writer.writeCheckpoint(nextCheckpoint, books);
                    nextCheckpoint += 500'000'000;
                }
                writer.writeFrame(0, t, f);
                parser.parse(f, books);
            }
        }
        auto player = std::make_unique<CapturePlayer>();
        QString error;
        QVERIFY(player->open(path, error));
        CapturePlayer *p = player.get();
        QCOMPARE(p->startNs(), t0);
        QCOMPARE(p->endNs(), t0 + 2'000'000'000);
        QCOMPARE(p->checkpointCount(), std::size_t(4)); // at 0.5, 1, 1.5 and 2 s
        MarketMonitor monitor(std::move(player), FeedSettings{});
        QStringList assets = ids(engine);
        monitor.subscribe(assets);

        // The recorded pace: half a recorded second takes half a second.
        QElapsedTimer clock;
        clock.start();
        p->play();
        QTRY_VERIFY_WITH_TIMEOUT(p->positionNs() >= t0 + 500'000'000, 5'000);
        QVERIFY2(clock.elapsed() >= 450, qPrintable(QString::number(clock.elapsed())));
        // Ten times as fast: the remaining 1.5 s in about 0.15 s.
        QSignalSpy finished(p, &CapturePlayer::finished);
        p->setSpeed(10);
        clock.restart();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5'000);
        QVERIFY2(clock.elapsed() >= 120 && clock.elapsed() < 1'200, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!p->isPlaying());

        // Seek back to 1.23 s: the books are exactly those of the frames up to then.
        const qint64 target = t0 + 1'230'000'000;
        p->seek(target);
        QCOMPARE(p->positionNs(), target);
        BookStore reference;
        FrameParser parser;
        for (const auto &[t, f] : frames) {
            if (t <= target)
                parser.parse(f, reference);
        }
        reference.forEach([&](const AssetBook &a) {
            const AssetBook *b = monitor.books().find(a.assetId);
            QVERIFY(b && b->synced());
            std::string want, got;
            TopsLine::append(want, a, 0);
            TopsLine::append(got, *b, 0);
            QCOMPARE(got, want);
        });
        // One frame at a time.
        const auto applied = monitor.books().stats().entriesApplied;
        QVERIFY(p->step());
        QVERIFY(monitor.books().stats().entriesApplied > applied);
        QCOMPARE(p->positionNs(), target + 10'000'000);
    }
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
