#include "corpus.h"

#include <QProcess>
#include <QFile>
#include <QJsonObject>
#include <QJsonDocument>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// polymon-cli as a user runs it: exit codes, replay output, monitor --sim.
class TstCli final : public QObject
{
    Q_OBJECT

    struct Result
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    static Result run(const QStringList &args, int timeoutMs = 30000)
    {
        return runProgram(QStringLiteral(POLYMON_CLI_PATH), args, timeoutMs);
    }

    static Result runProgram(const QString &program, const QStringList &args, int timeoutMs = 30000)
    {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    static QString fixture(const char *rel)
    {
        return polymon::test::corpusPath(QStringLiteral("polymarket/") + QLatin1String(rel));
    }

private Q_SLOTS:
    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("no command") << QStringList{};
        QTest::addRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::addRow("replay without file") << QStringList{QStringLiteral("replay")};
        QTest::addRow("bad emit") << QStringList{QStringLiteral("replay"), QStringLiteral("x"), QStringLiteral("--emit"), QStringLiteral("bogus")};
        QTest::addRow("unknown option") << QStringList{QStringLiteral("replay"), QStringLiteral("x"), QStringLiteral("--fast")};
        QTest::addRow("monitor without assets") << QStringList{QStringLiteral("monitor")};
        QTest::addRow("bad duration") << QStringList{QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--duration"), QStringLiteral("soon")};
        QTest::addRow("bad endpoint") << QStringList{QStringLiteral("monitor"), QStringLiteral("--endpoint"), QStringLiteral("http://x"), QStringLiteral("--asset"), QStringLiteral("1")};
        QTest::addRow("too many assets per connection") << QStringList{QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--assets-per-connection"), QStringLiteral("501")};
        QTest::addRow("replay of two files") << QStringList{QStringLiteral("replay"), QStringLiteral("a"), QStringLiteral("b")};
        QTest::addRow("option without its value") << QStringList{QStringLiteral("export"), QStringLiteral("--db")};
        QTest::addRow("bad setting") << QStringList{QStringLiteral("backtest"), QStringLiteral("--sim"), QStringLiteral("--set"), QStringLiteral("no_such_key=1")};
        const QStringList capture{QStringLiteral("backtest"), QStringLiteral("--capture"), QStringLiteral("x.pmcap")};
        QTest::addRow("grid without a strategy") << capture + QStringList{QStringLiteral("--grid"), QStringLiteral("hold_s=30,60")};
        QTest::addRow("unknown strategy") << capture + QStringList{QStringLiteral("--strategy"), QStringLiteral("yolo")};
        QTest::addRow("bad grid key") << capture + QStringList{QStringLiteral("--strategy"), QStringLiteral("fade"), QStringLiteral("--grid"), QStringLiteral("nope=1,2")};
        QTest::addRow("fee exponent 3") << capture + QStringList{QStringLiteral("--strategy"), QStringLiteral("fade"), QStringLiteral("--fee-exponent"), QStringLiteral("3")};
        QTest::addRow("fee rate above 1") << capture + QStringList{QStringLiteral("--strategy"), QStringLiteral("fade"), QStringLiteral("--fee-rate"), QStringLiteral("1.5")};
        QTest::addRow("shares finer than hundredths") << capture + QStringList{QStringLiteral("--strategy"), QStringLiteral("fade"), QStringLiteral("--shares"), QStringLiteral("1.234")};
        QTest::addRow("strategy on the simulator's episodes") << QStringList{QStringLiteral("backtest"), QStringLiteral("--sim"), QStringLiteral("--strategy"), QStringLiteral("fade")};
        QTest::addRow("bad port") << QStringList{QStringLiteral("sim"), QStringLiteral("--port"), QStringLiteral("70000")};
        // Keys are never taken on the command line.
        QTest::addRow("clob sign with a key argument") << QStringList{QStringLiteral("clob"), QStringLiteral("sign"), QStringLiteral("--key"),
                                                                      QStringLiteral("0xac09"), QStringLiteral("--order"), QStringLiteral("o.json")};
        QTest::addRow("clob without a subcommand") << QStringList{QStringLiteral("clob")};
        QTest::addRow("clob sign without a key file") << QStringList{QStringLiteral("clob"), QStringLiteral("sign"), QStringLiteral("--order"), QStringLiteral("o.json")};
    }
    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, args);
        const Result r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("usage: polymon-cli"));
    }

    void clobSignPrintsTheVectorsDigestAndSignature()
    {
        POLYMON_REQUIRE_CORPUS();
        QFile vectors(fixture("signing/order_eip712.json"));
        QVERIFY(vectors.open(QIODevice::ReadOnly));
        const QJsonArray v2 = QJsonDocument::fromJson(vectors.readAll()).object().value(QStringLiteral("v2")).toArray();
        QTemporaryDir dir;
        int checked = 0;
        for (const QJsonValue &value : v2) {
            const QJsonObject v = value.toObject();
            const QJsonObject expected = v.value(QStringLiteral("expected")).toObject();
            const QString digest = expected.value(QStringLiteral("eip712_digest(order_hash)")).toString();
            if (digest.isEmpty())
                continue;
            const QString keyPath = dir.filePath(QStringLiteral("key.txt"));
            QFile key(keyPath);
            QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
            key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            key.write(v.value(QStringLiteral("private_key")).toString().toLatin1() + "\n");
            key.close();
            QJsonObject order;
            order.insert(QStringLiteral("domain"), v.value(QStringLiteral("domain")));
            order.insert(QStringLiteral("order"), v.value(QStringLiteral("order")));
            const QString orderPath = dir.filePath(QStringLiteral("order.json"));
            QFile o(orderPath);
            QVERIFY(o.open(QIODevice::WriteOnly | QIODevice::Truncate));
            o.write(QJsonDocument(order).toJson());
            o.close();
            const Result r = run({QStringLiteral("clob"), QStringLiteral("sign"), QStringLiteral("--key-file"), keyPath,
                                  QStringLiteral("--order"), orderPath});
            QVERIFY2(r.code == 0, r.err.constData());
            const QJsonObject out = QJsonDocument::fromJson(r.out).object();
            QCOMPARE(out.value(QStringLiteral("digest")).toString(), digest.toLower());
            QCOMPARE(out.value(QStringLiteral("signature")).toString(), expected.value(QStringLiteral("signature")).toString().toLower());
            // The key itself appears nowhere in what the command printed.
            const QByteArray secret = v.value(QStringLiteral("private_key")).toString().mid(2).toLatin1();
            QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));
            ++checked;
        }
        QVERIFY(checked >= 3);
        // A broken order says why and exits 1.
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile b(bad);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write(R"({"domain": {"name": "Polymarket CTF Exchange", "version": "2", "chainId": 137,
                   "verifyingContract": "0xE111180000d2663C0091e4f400237545B87B996B"},
                   "order": {"salt": "1", "maker": "0x12", "signer": "0x12", "tokenId": "1", "makerAmount": "1",
                   "takerAmount": "1", "side": 0, "signatureType": 0, "timestamp": "1"}})");
        b.close();
        const Result r = run({QStringLiteral("clob"), QStringLiteral("sign"), QStringLiteral("--key-file"), dir.filePath(QStringLiteral("key.txt")),
                              QStringLiteral("--order"), bad});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("maker"));
    }

    void helpAndVersionExitZero()
    {
        const Result help = run({QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("usage: polymon-cli"));
        const Result version = run({QStringLiteral("--version")});
        QCOMPARE(version.code, 0);
        QVERIFY(version.out.startsWith("polymon-cli "));
    }

    void missingFileExitsOne()
    {
        const Result r = run({QStringLiteral("replay"), QStringLiteral("/nonexistent/capture.jsonl")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("cannot open /nonexistent/capture.jsonl"));
    }

    void replayCaptureEmitsExactTops()
    {
        POLYMON_REQUIRE_CORPUS();
        const Result r = run({QStringLiteral("replay"), fixture("pybot-test/ws_capture_1778204225.jsonl")});
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1),
                 QByteArray(R"({"asset_id":"99267005274969015530704549459879765455779440435684795967857484533170446088617","ts":1778204225252,"best_bid":"0.14","best_ask":"0.15","bid_depth":"19735.7","ask_depth":"43752.12"})"));
    }

    void replayNoneSummarises()
    {
        POLYMON_REQUIRE_CORPUS();
        const Result r = run({QStringLiteral("replay"), fixture("pybot-test/ws_capture_1778204225.jsonl"),
                              QStringLiteral("--emit"), QStringLiteral("none")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("entries_applied=1 unsynced_skipped=1 levels_dropped=0 desyncs=0 errors=0"), r.err.constData());
    }

    void plainReplayLoadsNoQtAndMatchesTheFullProgram()
    {
        // polymon-cli runs a plain replay itself, without Qt, and hands
        // everything else to polymon-cli-full: the same output either way.
        QTemporaryDir dir;
        const QString session = dir.filePath(QStringLiteral("session.jsonl"));
        QCOMPARE(run({QStringLiteral("backtest"), QStringLiteral("--sim"), QStringLiteral("--seed"), QStringLiteral("5"),
                      QStringLiteral("--hours"), QStringLiteral("1"), QStringLiteral("--record"), session})
                     .code,
                 0);
        const Result plain = run({QStringLiteral("replay"), session});
        QCOMPARE(plain.code, 0);
        QVERIFY(plain.out.count('\n') > 1000);
        // Through the full program, and with a store (its other path, with more listeners).
        const Result full = runProgram(QStringLiteral(POLYMON_CLI_FULL_PATH), {QStringLiteral("replay"), session});
        QCOMPARE(full.code, 0);
        QCOMPARE(full.out, plain.out);
        const Result stored = run({QStringLiteral("replay"), session, QStringLiteral("--db"), dir.filePath(QStringLiteral("s.db"))});
        QCOMPARE(stored.code, 0);
        QCOMPARE(stored.out, plain.out);
        QVERIFY2(stored.err.contains("recorded "), stored.err.constData());

        // Alone in a folder, the small program still replays, and says what is
        // missing for any other command.
        const QString alone = dir.filePath(QStringLiteral("polymon-cli"));
        QVERIFY(QFile::copy(QStringLiteral(POLYMON_CLI_PATH), alone));
        const Result none = runProgram(alone, {QStringLiteral("replay"), session, QStringLiteral("--emit"), QStringLiteral("none")});
        QCOMPARE(none.code, 0);
        QVERIFY2(none.err.contains("entries_applied="), none.err.constData());
        const Result version = runProgram(alone, {QStringLiteral("--version")});
        QCOMPARE(version.code, 1);
        QVERIFY2(version.err.contains("cannot start polymon-cli-full"), version.err.constData());
        // A bad argument to replay is the full program's to explain.
        QCOMPARE(run({QStringLiteral("replay"), session, QStringLiteral("--emit"), QStringLiteral("everything")}).code, 2);

        // It needs no Qt library at all (the point: ~12 ms less to start).
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(POLYMON_CLI_PATH)});
        QVERIFY(ldd.waitForFinished(10000));
        const QByteArray libraries = ldd.readAllStandardOutput();
        QVERIFY2(libraries.contains("libc.so") && !libraries.contains("Qt6"), libraries.constData());
    }

    void replayMalformedFileCountsErrors()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.jsonl"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"event_type":"book","asset_id":"A","bids":[{"price":"0.4","size":"1"}],"asks":[],"timestamp":"1"})" "\n");
        f.write("{not json\n");
        f.write(R"({"event_type":"price_change","market":"m","timestamp":"2","price_changes":[{"asset_id":"A","price":"0.41","size":"2","side":"BUY","best_bid":"0.41","best_ask":"1"}]})" "\n");
        f.close();
        const Result r = run({QStringLiteral("replay"), path, QStringLiteral("--emit"), QStringLiteral("none")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("entries_applied=1 ") && r.err.contains("errors=1 "), r.err.constData());
    }

    void recordedCaptureFlowsIntoSqliteAndOutToCsv()
    {
        // A recorded session (the simulator's frames) -> replay with signals
        // and --db -> export: every signal printed is a CSV row.
        QTemporaryDir dir;
        const QString frames = dir.filePath(QStringLiteral("session.jsonl"));
        const QString db = dir.filePath(QStringLiteral("session.db"));
        const QString csv = dir.filePath(QStringLiteral("signals.csv"));
        QCOMPARE(run({QStringLiteral("backtest"), QStringLiteral("--sim"), QStringLiteral("--seed"), QStringLiteral("5"),
                      QStringLiteral("--hours"), QStringLiteral("1"), QStringLiteral("--record"), frames})
                     .code,
                 0);
        const Result replay = run({QStringLiteral("replay"), frames, QStringLiteral("--emit"), QStringLiteral("signals"),
                                   QStringLiteral("--db"), db});
        QCOMPARE(replay.code, 0);
        const int signalLines = int(replay.out.count("\"type\":"));
        QVERIFY(signalLines >= 4);
        QVERIFY2(replay.err.contains("recorded"), replay.err.constData());
        const Result exported = run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"), csv});
        QCOMPARE(exported.code, 0);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = f.readAll().split('\n');
        QCOMPARE(int(rows.size()) - 2, signalLines); // header, then one row each, then the final empty split
        QVERIFY(rows.at(1).contains("PANIC_SELL") || rows.at(1).contains("FOMO_BUY") || rows.at(1).contains("DEPTH_PULL")
                || rows.at(1).contains("LIQUIDITY_VACUUM"));

        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), dir.filePath(QStringLiteral("none.db")),
                      QStringLiteral("--out"), csv})
                     .code,
                 1);
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), db}).code, 2);
    }

    void monitorSimJson()
    {
        const Result r = run({QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--json"),
                              QStringLiteral("--duration"), QStringLiteral("1.5")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(R"("status":"connected")"));
        QCOMPARE(r.out.count(R"("status":"synced")"), 24); // 12 markets x 2 tokens
        QVERIFY(r.out.count(R"("best_bid")") > 24);
    }

    void sigtermStopsCleanlyAndKeepsTheRecording()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("term.db"));
        QProcess p;
        p.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--json"),
                                                   QStringLiteral("--duration"), QStringLiteral("120"), QStringLiteral("--db"), db});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).count(R"("status":"synced")") == 24, 15000);
        p.terminate(); // SIGTERM
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // not killed by the signal: the loop quit
        QCOMPARE(p.exitCode(), 0);
        // The queue was written on the way out.
        const QString name = QStringLiteral("term-check");
        {
            QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            check.setDatabaseName(db);
            QVERIFY(check.open());
            QSqlQuery q(check);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM market")) && q.next());
            QCOMPARE(q.value(0).toInt(), 12);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM recording_span")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
