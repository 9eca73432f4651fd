#include "book/bookstore.h"
#include "capture/bookcheckpoint.h"
#include "capture/capturereader.h"
#include "capture/capturewriter.h"
#include "capture/coveragegapnote.h"
#include "replay/replayengine.h"
#include "session/captureretention.h"
#include "replay/topsline.h"
#include "sim/simengine.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "episodecapture.h"

using namespace polymon;

// The raw capture on real files: frames come back byte for byte, a file cut
// anywhere reads up to its last whole record, a corrupt record ends the
// readable part, checkpoints restore the books exactly, and polymon-cli
// records from the simulator and replays the capture into the same tops.
class TstCapture final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The simulator's stream: books first, then order flow.
    static std::vector<std::string> simulatedFrames(int count)
    {
        SimEngine engine(42, 4);
        std::vector<std::string> frames;
        for (const std::string &id : engine.allAssetIds())
            frames.push_back(engine.bookEvent(id, 1'000));
        for (int i = 0; i < count; ++i)
            frames.push_back(engine.next(1'000 + i * 10).json);
        return frames;
    }

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static std::string tops(const std::vector<std::string> &frames)
    {
        struct Tops final : BookListener
        {
            std::string out;
            void onTop(const AssetBook &a, std::int64_t ts) override { TopsLine::append(out, a, ts); }
        } sink;
        ReplayEngine engine(&sink);
        std::string text;
        for (const std::string &f : frames)
            text += f + '\n';
        engine.loadText(text);
        engine.run();
        return sink.out;
    }

private Q_SLOTS:
    void coverageGapNotesRoundTrip()
    {
        // Written without Qt now: the same JSON as before, ids escaped, and
        // the notes Qt's writer left in older captures still read.
        const CoverageGapNote gap{{"7102", "odd \"id\"\\ with\ttab"}, 1'700'000'000'000, 1'700'000'090'000};
        QCOMPARE(QByteArray::fromStdString(CoverageGapNote{{"1", "2"}, 5, 9}.toJson()),
                 QByteArray(R"({"coverage_gap":{"assets":["1","2"],"from_ms":5,"to_ms":9}})"));
        CoverageGapNote back;
        QVERIFY(CoverageGapNote::fromJson(gap.toJson(), back));
        QCOMPARE(back.assets, gap.assets);
        QCOMPARE(back.fromMs, gap.fromMs);
        QCOMPARE(back.toMs, gap.toMs);
        const QByteArray byQt = QJsonDocument(QJsonObject{{QStringLiteral("coverage_gap"),
                                                            QJsonObject{{QStringLiteral("assets"), QJsonArray{QStringLiteral("42")}},
                                                                        {QStringLiteral("from_ms"), 1.7e12},
                                                                        {QStringLiteral("to_ms"), 1.7e12 + 60'000}}}})
                                    .toJson(QJsonDocument::Compact);
        QVERIFY(CoverageGapNote::fromJson(byQt.toStdString(), back));
        QCOMPARE(back.assets, std::vector<std::string>{"42"});
        QCOMPARE(back.toMs - back.fromMs, std::int64_t(60'000));
        // Not a gap, or not a usable one: ignored, never a crash.
        for (const char *note : {R"({"polymon":"test"})", R"({"coverage_gap":{"assets":[],"from_ms":1,"to_ms":2}})",
                                 R"({"coverage_gap":{"assets":["1"],"from_ms":5,"to_ms":5}})",
                                 R"({"coverage_gap":{"assets":[1],"from_ms":1,"to_ms":2}})",
                                 R"({"coverage_gap":{"assets":["1"],"from_ms":"x","to_ms":2}})",
                                 R"({"coverage_gap":{"assets":["1"],"from_ms":1)", R"({"coverage_gap":7})"})
            QVERIFY2(!CoverageGapNote::fromJson(note, back), note);

        CoverageGapTally tally;
        QVERIFY(tally.describe().empty());
        tally.add(gap);
        tally.add(CoverageGapNote{{"1"}, 1'700'000'200'000, 1'700'000'210'000});
        QCOMPARE(QString::fromStdString(tally.describe()),
                 QStringLiteral("2 stretches when no recorder held a book (2 min in all, the longest 2 min from "
                                "2023-11-14 22:13 UTC): no book and no trading there"));
    }

    void crcIsCrc32c()
    {
        // The standard check value, on both paths, and the same result in pieces of any size.
        QCOMPARE(capture::crc32c(0, "123456789", 9), 0xE3069283u);
        QCOMPARE(capture::crc32cTables(0, "123456789", 9), 0xE3069283u);
        const std::string text = "the quick brown fox jumps over the lazy dog, twice over the lazy dog";
        const std::uint32_t whole = capture::crc32c(0, text.data(), text.size());
        for (std::size_t cut = 0; cut <= text.size(); ++cut) {
            QCOMPARE(capture::crc32c(capture::crc32c(0, text.data(), cut), text.data() + cut, text.size() - cut), whole);
            QCOMPARE(capture::crc32cTables(0, text.data() + cut, text.size() - cut),
                     capture::crc32c(0, text.data() + cut, text.size() - cut));
        }
    }

    void framesComeBackByteForByte()
    {
        const QString path = m_dir.filePath(QStringLiteral("frames.pmcap"));
        const std::vector<std::string> frames = simulatedFrames(500);
        {
            CaptureWriter writer;
            std::string error;
            QVERIFY2(writer.open(path.toStdString(), 1'000'000'000, error), error.c_str());
            writer.writeNote(1'000'000'000, R"({"polymon":"test"})");
            for (std::size_t i = 0; i < frames.size(); ++i)
                writer.writeFrame(int(i % 3), 1'000'000'000 + std::int64_t(i) * 1'000, frames[i]);
            writer.close();
            QCOMPARE(writer.frames(), quint64(frames.size()));
            QCOMPARE(writer.failedRecords(), quint64(0));
        }
        const QByteArray file = readAll(path);
        CaptureReader reader;
        std::string error;
        QVERIFY2(reader.open(std::string_view(file.constData(), std::size_t(file.size())), error), error.c_str());
        QCOMPARE(reader.createdNs(), 1'000'000'000);
        std::size_t i = 0;
        bool sawNote = false;
        reader.forEach([&](const CaptureReader::Record &r) {
            if (r.header.type == capture::RecordType::Note) {
                sawNote = r.payload == R"({"polymon":"test"})";
                return;
            }
            QCOMPARE(std::string(r.payload), frames[i]);
            QCOMPARE(int(r.header.connection), int(i % 3));
            QCOMPARE(r.header.timeNs, 1'000'000'000 + std::int64_t(i) * 1'000);
            ++i;
        });
        QVERIFY(sawNote);
        QCOMPARE(i, frames.size());
        QVERIFY(reader.complete());
        // Replayed from the capture: the same tops as from the frames as text.
        struct Tops final : BookListener
        {
            std::string out;
            void onTop(const AssetBook &a, std::int64_t ts) override { TopsLine::append(out, a, ts); }
        } sink;
        ReplayEngine engine(&sink);
        QVERIFY(engine.loadFile(path.toStdString(), error));
        QVERIFY(engine.isCapture());
        const ReplaySummary s = engine.run();
        QCOMPARE(s.frames, quint64(frames.size()));
        QCOMPARE(s.errors, quint64(0));
        QCOMPARE(sink.out, tops(frames));
    }

    void aCutFileReadsUpToItsLastWholeRecord()
    {
        const QString path = m_dir.filePath(QStringLiteral("cut.pmcap"));
        const std::vector<std::string> frames = simulatedFrames(50);
        {
            CaptureWriter writer;
            std::string error;
            QVERIFY(writer.open(path.toStdString(), 1, error));
            for (const std::string &f : frames)
                writer.writeFrame(0, 2, f);
        }
        const QByteArray whole = readAll(path);
        // Cut at every length: never a crash, never a frame that was not written whole.
        std::size_t previous = 0;
        for (qsizetype cut = 0; cut <= whole.size(); cut += 7) {
            const std::string_view view(whole.constData(), std::size_t(cut));
            CaptureReader reader;
            std::string error;
            if (!reader.open(view, error)) {
                QVERIFY(cut < qsizetype(capture::kFileHeaderSize));
                continue;
            }
            std::size_t n = 0;
            reader.forEach([&](const CaptureReader::Record &r) {
                QCOMPARE(std::string(r.payload), frames[n]);
                ++n;
            });
            QVERIFY(n >= previous); // more of the file, never fewer frames
            previous = n;
        }
        QCOMPARE(previous, frames.size() - 1); // the last step cut into the final record or its CRC
        // A flipped byte in the middle: the readable part ends just before it.
        QByteArray corrupt = whole;
        corrupt[corrupt.size() / 2] = char(corrupt[corrupt.size() / 2] ^ 0x40);
        CaptureReader reader;
        std::string error;
        QVERIFY(reader.open(std::string_view(corrupt.constData(), std::size_t(corrupt.size())), error));
        QVERIFY(!reader.complete());
        const std::size_t n = reader.forEach([](const CaptureReader::Record &) {});
        QVERIFY(n > 0 && n < frames.size());
    }

    void checkpointsRestoreTheBooksExactly()
    {
        const std::vector<std::string> frames = simulatedFrames(2'000);
        FrameParser parser;
        BookStore live;
        for (const std::string &f : frames)
            parser.parse(f, live);
        const std::string payload = BookCheckpoint::encode(live);
        BookStore restored;
        restored.track("stale-asset");
        QVERIFY(BookCheckpoint::restore(payload, restored));
        QCOMPARE(restored.size(), live.size() + 1);
        QVERIFY(!restored.find("stale-asset")->synced()); // not in the checkpoint: waits for a book
        live.forEach([&](const AssetBook &a) {
            const AssetBook *b = restored.find(a.assetId);
            QVERIFY(b);
            QCOMPARE(b->synced(), a.synced());
            QCOMPARE(b->tickSize, a.tickSize);
            QVERIFY(std::equal(a.book.bids().begin(), a.book.bids().end(), b->book.bids().begin(), b->book.bids().end(),
                               [](const PriceLevel &x, const PriceLevel &y) { return x.price == y.price && x.size == y.size; }));
            QVERIFY(std::equal(a.book.asks().begin(), a.book.asks().end(), b->book.asks().begin(), b->book.asks().end(),
                               [](const PriceLevel &x, const PriceLevel &y) { return x.price == y.price && x.size == y.size; }));
        });
        // A damaged payload changes nothing.
        BookStore untouched;
        untouched.track("keep");
        QVERIFY(!BookCheckpoint::restore(std::string_view(payload).substr(0, payload.size() / 2), untouched));
        QVERIFY(untouched.find("keep"));
    }

    void cliRecordsTheSimulatorAndReplaysTheCapture()
    {
        const QString path = m_dir.filePath(QStringLiteral("cli.pmcap"));
        QProcess record;
        record.start(QStringLiteral(POLYMON_CLI_PATH),
                     {QStringLiteral("record"), QStringLiteral("--sim"), QStringLiteral("--seed"), QStringLiteral("3"),
                      QStringLiteral("--out"), path, QStringLiteral("--duration"), QStringLiteral("3"),
                      QStringLiteral("--checkpoint-every"), QStringLiteral("1")});
        QVERIFY(record.waitForFinished(30000));
        QCOMPARE(record.exitCode(), 0);
        QVERIFY2(record.readAllStandardError().contains("lost=0"), "no record lost");
        // Frames byte for byte, and the books rebuilt from them.
        QProcess frames;
        frames.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("replay"), path, QStringLiteral("--emit"), QStringLiteral("frames")});
        QVERIFY(frames.waitForFinished(30000));
        QCOMPARE(frames.exitCode(), 0);
        const QList<QByteArray> lines = frames.readAllStandardOutput().split('\n');
        QVERIFY(lines.size() > 24);
        QVERIFY(lines.first().startsWith("[{") && lines.first().contains(R"("event_type":"book")")); // the initial dump
        QProcess tops;
        tops.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("replay"), path, QStringLiteral("--emit"), QStringLiteral("none")});
        QVERIFY(tops.waitForFinished(30000));
        QCOMPARE(tops.exitCode(), 0);
        const QByteArray summary = tops.readAllStandardError();
        QVERIFY2(summary.contains(" desyncs=0 errors=0 "), summary.constData());
        QVERIFY(!summary.contains("cut record"));
        // The same capture cut short: replayed up to its last whole record, and said so.
        const QString cut = m_dir.filePath(QStringLiteral("cut-cli.pmcap"));
        {
            QFile f(cut);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QByteArray whole = readAll(path);
            f.write(whole.left(whole.size() * 2 / 3));
        }
        QProcess cutReplay;
        cutReplay.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("replay"), cut, QStringLiteral("--emit"), QStringLiteral("none")});
        QVERIFY(cutReplay.waitForFinished(30000));
        QCOMPARE(cutReplay.exitCode(), 0);
        QVERIFY(cutReplay.readAllStandardError().contains("ends in a cut record"));
        // Two or more checkpoints, each restoring 24 books.
        const QByteArray file = readAll(path);
        CaptureReader reader;
        std::string error;
        QVERIFY(reader.open(std::string_view(file.constData(), std::size_t(file.size())), error));
        const auto checkpoints = reader.checkpoints();
        QVERIFY(checkpoints.size() >= 2);
        reader.forEach([&](const CaptureReader::Record &r) {
            if (r.offset != checkpoints.back().offset)
                return;
            BookStore books;
            QVERIFY(BookCheckpoint::restore(r.payload, books));
            QCOMPARE(books.size(), std::size_t(24));
            books.forEach([](const AssetBook &a) { QVERIFY(a.synced()); });
        });
    }

    void retentionRemovesTheOldestFirstAndNeverTheCurrentOne()
    {
        QTemporaryDir dir;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto make = [&](const char *name, int daysOld, int kb) {
            const QString path = dir.filePath(QLatin1String(name));
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly))
                return path;
            f.write(QByteArray(kb * 1000, 'x'));
            f.flush(); // so closing does not touch the time set below
            f.setFileTime(now.addDays(-daysOld), QFileDevice::FileModificationTime);
            return path;
        };
        make("a-old.pmcap", 40, 10);
        make("b.pmcap", 20, 30);
        make("c.pmcap", 10, 30);
        const QString current = make("d-current.pmcap", 50, 30); // being written: kept whatever its age
        make("notes.txt", 90, 1);                                // not a capture: left alone
        const CaptureRetention::Result r = CaptureRetention::prune(dir.path(), 30, 70'000, current);
        // a: too old. Then over 70 kB: b, the oldest left.
        QCOMPARE(r.removed.join(QLatin1Char(',')), QStringLiteral("a-old.pmcap,b.pmcap"));
        QCOMPARE(r.freedBytes, 40'000);
        QCOMPARE(r.keptBytes, 60'000);
        QVERIFY(QFile::exists(current));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("notes.txt"))));
        // No limits: nothing goes.
        QVERIFY(CaptureRetention::prune(dir.path(), 0, 0, current).removed.isEmpty());
    }

    void backtestOnACaptureCountsTheSignalsReplayFinds()
    {
        const QString path = m_dir.filePath(QStringLiteral("episodes.pmcap"));
        QVERIFY(test::writeEpisodeCapture(path, 7, 40));
        QProcess backtest;
        backtest.start(QStringLiteral(POLYMON_CLI_PATH),
                       {QStringLiteral("backtest"), QStringLiteral("--capture"), path, QStringLiteral("--json")});
        QVERIFY(backtest.waitForFinished(60000));
        QCOMPARE(backtest.exitCode(), 0);
        const QJsonObject report = QJsonDocument::fromJson(backtest.readAllStandardOutput()).object();
        QCOMPARE(report.value(QStringLiteral("recording")).toString(), path);
        QVERIFY(report.value(QStringLiteral("frames")).toDouble() > 40'000);
        int signalsByType = 0;
        const QJsonObject types = report.value(QStringLiteral("types")).toObject();
        QCOMPARE(types.size(), 4);
        for (const QString &type : types.keys()) {
            const QJsonObject t = types.value(type).toObject();
            signalsByType += t.value(QStringLiteral("signals")).toInt();
            QVERIFY(!t.contains(QStringLiteral("precision"))); // nobody scripted a recording
        }
        // The same signals as a replay of the capture prints, one line each.
        QProcess replay;
        replay.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("replay"), path, QStringLiteral("--emit"), QStringLiteral("signals")});
        QVERIFY(replay.waitForFinished(60000));
        QCOMPARE(replay.exitCode(), 0);
        const int lines = int(replay.readAllStandardOutput().count("\"type\":"));
        QVERIFY2(signalsByType > 0, "the episodes fire signals");
        QCOMPARE(signalsByType, lines);
    }

    void strategyBacktestPrintsInAndOutOfSampleResults()
    {
        const QString path = m_dir.filePath(QStringLiteral("episodes-strategy.pmcap"));
        QVERIFY(test::writeEpisodeCapture(path, 9, 60));
        QProcess backtest;
        backtest.start(QStringLiteral(POLYMON_CLI_PATH),
                       {QStringLiteral("backtest"), QStringLiteral("--capture"), path, QStringLiteral("--strategy"),
                        QStringLiteral("fade"), QStringLiteral("--grid"), QStringLiteral("hold_s=30,120"), QStringLiteral("--grid"),
                        QStringLiteral("stop=0,0.02"), QStringLiteral("--folds"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY(backtest.waitForFinished(120000));
        QCOMPARE(backtest.exitCode(), 0);
        const QJsonObject report = QJsonDocument::fromJson(backtest.readAllStandardOutput()).object();
        // Does each type pay: moves and touch-to-touch PnL with their intervals.
        const QJsonObject quality = report.value(QStringLiteral("quality")).toObject();
        QCOMPARE(quality.size(), 4);
        int measured = 0;
        for (const QString &type : quality.keys()) {
            const QJsonObject pnl = quality.value(type).toObject().value(QStringLiteral("pnl_per_share_5m_net")).toObject();
            if (pnl.value(QStringLiteral("n")).toInt() < 2)
                continue;
            ++measured;
            const QJsonArray ci = pnl.value(QStringLiteral("ci95")).toArray();
            QVERIFY(ci.at(0).toDouble() <= pnl.value(QStringLiteral("mean")).toDouble());
            QVERIFY(ci.at(1).toDouble() >= pnl.value(QStringLiteral("mean")).toDouble());
        }
        QVERIFY(measured > 0);
        const QJsonObject strategy = report.value(QStringLiteral("strategy")).toObject();
        QCOMPARE(strategy.value(QStringLiteral("settings")).toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("fade"));
        const QJsonObject result = strategy.value(QStringLiteral("result")).toObject();
        const int trades = result.value(QStringLiteral("trades")).toInt();
        QVERIFY2(trades > 0, "the episodes' signals are traded");
        // The equity curve ends at the PnL, a point per trade.
        const QJsonArray equity = result.value(QStringLiteral("equity")).toArray();
        QCOMPARE(equity.size(), trades);
        QCOMPARE(equity.last().toArray().at(1).toString(), result.value(QStringLiteral("pnl")).toString());
        // Four grid points, each over the whole recording; the first is the result above.
        const QJsonArray grid = strategy.value(QStringLiteral("grid")).toArray();
        QCOMPARE(grid.size(), 4);
        QCOMPARE(grid.at(0).toObject().value(QStringLiteral("point")).toString(), QStringLiteral("hold_s=30 stop=0"));
        QCOMPARE(grid.at(0).toObject().value(QStringLiteral("pnl")).toString(), result.value(QStringLiteral("pnl")).toString());
        // Walk-forward: three folds, out-of-sample = the folds' unseen windows together.
        const QJsonObject wf = strategy.value(QStringLiteral("walk_forward")).toObject();
        const QJsonArray folds = wf.value(QStringLiteral("folds")).toArray();
        QCOMPARE(folds.size(), 3);
        int outTrades = 0;
        for (const QJsonValue &f : folds)
            outTrades += f.toObject().value(QStringLiteral("out_of_sample")).toObject().value(QStringLiteral("trades")).toInt();
        QCOMPARE(wf.value(QStringLiteral("out_of_sample")).toObject().value(QStringLiteral("trades")).toInt(), outTrades);
        QVERIFY(wf.value(QStringLiteral("in_sample")).toObject().contains(QStringLiteral("pnl")));

        // The table says the same in words.
        QProcess text;
        text.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("backtest"), QStringLiteral("--capture"), path,
                                                      QStringLiteral("--strategy"), QStringLiteral("fade"),
                                                      QStringLiteral("--grid"), QStringLiteral("hold_s=30,120")});
        QVERIFY(text.waitForFinished(120000));
        QCOMPARE(text.exitCode(), 0);
        const QByteArray out = text.readAllStandardOutput();
        QVERIFY(out.contains("walk-forward, 4 folds"));
        QVERIFY(out.contains("out-of-sample (unseen)"));
    }

    void badRecordArgumentsExitTwo()
    {
        for (const QStringList &args : {QStringList{QStringLiteral("record"), QStringLiteral("--sim")},
                                        QStringList{QStringLiteral("record"), QStringLiteral("--out"), QStringLiteral("x")},
                                        QStringList{QStringLiteral("record"), QStringLiteral("--sim"), QStringLiteral("--out"),
                                                    QStringLiteral("x"), QStringLiteral("--checkpoint-every"), QStringLiteral("0")},
                                        // Retention needs a store and a sensible number of days; a store has no password.
                                        QStringList{QStringLiteral("record"), QStringLiteral("--sim"), QStringLiteral("--out"),
                                                    QStringLiteral("x"), QStringLiteral("--retention-days"), QStringLiteral("3")},
                                        QStringList{QStringLiteral("record"), QStringLiteral("--sim"), QStringLiteral("--db"),
                                                    QStringLiteral("x.db"), QStringLiteral("--retention-days"), QStringLiteral("-1")},
                                        QStringList{QStringLiteral("record"), QStringLiteral("--sim"), QStringLiteral("--db"),
                                                    QStringLiteral("postgresql://me:secret@db.lan/books")},
                                        QStringList{QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--db"),
                                                    QStringLiteral("x.db"), QStringLiteral("--retention-days"), QStringLiteral("nine")}}) {
            QProcess p;
            p.start(QStringLiteral(POLYMON_CLI_PATH), args);
            QVERIFY(p.waitForFinished(10000));
            QCOMPARE(p.exitCode(), 2);
            QVERIFY(!p.readAllStandardError().contains("secret"));
        }
    }
};

QTEST_GUILESS_MAIN(TstCapture)
#include "tst_capture.moc"
