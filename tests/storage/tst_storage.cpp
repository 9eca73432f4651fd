#include "analysis/signalengine.h"
#include "pgtestserver.h"
#include "samplesignal.h"
#include "storage/databaselocation.h"
#include "storage/historyreader.h"
#include "storage/schema.h"
#include "storage/openoutcomeresolver.h"
#include "storage/signalcsv.h"
#include "storage/signalqualityreader.h"
#include "strategy/strategysettings.h"
#include "storage/storagereader.h"
#include "storage/storagewriter.h"

#include <QBuffer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <cmath>

using namespace polymon;

// A new store for a test run on both engines (its data has a "postgres"
// column: engines()): a file in the test's folder, or a database on the
// test's own PostgreSQL server (skipped without one, failed in CI).
#define NEW_STORE(var, name)                                                                                           \
    QString var;                                                                                                       \
    do {                                                                                                               \
        QFETCH(bool, postgres);                                                                                        \
        if (postgres) {                                                                                                \
            POLYMON_NEED_POSTGRES(m_pg);                                                                               \
            var = m_pg->createDatabase(QStringLiteral(name));                                                          \
        } else {                                                                                                       \
            var = m_dir.filePath(QStringLiteral(name ".db"));                                                          \
        }                                                                                                              \
    } while (false)

// Storage on real SQLite files and a real PostgreSQL server: round trip,
// CSV, history, outcomes, bad rows (both engines); migration, locked and
// unwritable files, a full disk, and a process killed while writing (SQLite;
// tst_postgres has the server's own).
class TstStorage final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PgTestServer *m_pg = nullptr;

    static void engines()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    // Runs fn with a fresh connection to a store (a path or a postgresql:// URL).
    template<typename Fn>
    static void withDb(const QString &store, Fn &&fn)
    {
        const QString name = QUuid::createUuid().toString();
        {
            DatabaseLocation location;
            QString error;
            QVERIFY2(DatabaseLocation::parse(store, location, error), qPrintable(error));
            QSqlDatabase db = QSqlDatabase::addDatabase(location.driver(), name);
            location.apply(db);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            fn(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    // A minimal RFC 4180 reader, for checking what we wrote.
    static QList<QStringList> parseCsv(const QString &text)
    {
        QList<QStringList> rows;
        QStringList row;
        QString cell;
        bool quoted = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (quoted) {
                if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    cell += c;
                    ++i;
                } else if (c == QLatin1Char('"')) {
                    quoted = false;
                } else {
                    cell += c;
                }
            } else if (c == QLatin1Char('"')) {
                quoted = true;
            } else if (c == QLatin1Char(',')) {
                row << cell;
                cell.clear();
            } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
                row << cell;
                rows << row;
                row.clear();
                cell.clear();
                ++i;
            } else {
                cell += c;
            }
        }
        return rows;
    }

private Q_SLOTS:
    void initTestCase() { m_pg = new PgTestServer; }
    void cleanupTestCase()
    {
        delete m_pg;
        m_pg = nullptr;
    }

    void roundTripAndCsv_data() { engines(); }
    void roundTripAndCsv()
    {
        NEW_STORE(path, "roundtrip");
        StorageWriter writer(path);
        writer.start();
        writer.enqueue(MarketRow{QStringLiteral("0xmarket"), QStringLiteral("=HYPERLINK(\"http://evil\",\"Will it rain?\")"),
                                 QStringLiteral("rain"), QString(), {QStringLiteral("111"), QStringLiteral("222")},
                                 {QStringLiteral("Yes"), QStringLiteral("No")}});
        Signal first = sampleSignal("111", 1'767'225'600'000, "-1 cent, \"quoted\", and a comma");
        Signal second = sampleSignal("222", 1'767'225'660'000, "@SUM(A1)");
        second.type = SignalType::LiquidityVacuum;
        second.side = SignalSide::Avoid;
        writer.enqueue(SignalRow{first, false});
        writer.enqueue(SignalRow{second, false});
        first.resolved = true;
        first.reverted = true;
        first.reversionTimeS = 42.5;
        first.maxProfit = 25'000;
        first.maxAdverse = 5'000;
        writer.enqueue(SignalRow{first, true});
        BookMetrics m;
        m.hasBid = m.hasAsk = true;
        m.bestBid = 470'000;
        m.bestAsk = 510'000;
        m.spread = 40'000;
        m.mid = 490'000;
        m.bidDepth = 123'450'000;
        writer.enqueue(SnapshotRow{QStringLiteral("111"), 1'767'225'600'500, m, "[[\"0.47\",\"123.45\"]]", "[]"});
        writer.enqueue(TradeRow{QStringLiteral("111"), 1'767'225'600'600, 480'000, 2'500'000, Side::Sell});
        QVERIFY(writer.waitUntilWritten(10000));
        QCOMPARE(writer.stats().written, 6);
        QVERIFY(writer.stats().lastError.isEmpty());

        withDb(path, [](QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT score, reverted, reversion_time, max_profit, max_adverse, price_change "
                                          "FROM psychology_signal WHERE asset_id='111'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 73);
            QCOMPARE(q.value(1).toInt(), 1);
            QCOMPARE(q.value(2).toDouble(), 42.5);
            QCOMPARE(q.value(3).toLongLong(), 25'000);
            QCOMPARE(q.value(4).toLongLong(), 5'000);
            QCOMPARE(q.value(5).toLongLong(), -30'000);
            QVERIFY(q.exec(QStringLiteral("SELECT best_bid, bid_depth, bids FROM order_book_snapshot")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), 470'000);
            QCOMPARE(q.value(1).toLongLong(), 123'450'000);
            QCOMPARE(q.value(2).toString(), QStringLiteral("[[\"0.47\",\"123.45\"]]"));
            QVERIFY(q.exec(QStringLiteral("SELECT price, size, side FROM trade")));
            QVERIFY(q.next());
            QCOMPARE(q.value(2).toString(), QStringLiteral("SELL"));
            if (db.driverName() == QLatin1String("QSQLITE")) {
                QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            }
        });
        writer.stop();

        QBuffer csv;
        QVERIFY(csv.open(QIODevice::WriteOnly));
        int rows = 0;
        QString error;
        QVERIFY2(SignalCsv::exportTo(path, csv, {}, rows, error), qPrintable(error));
        QCOMPARE(rows, 2);
        const QList<QStringList> table = parseCsv(QString::fromUtf8(csv.data()));
        QCOMPARE(table.size(), 3);
        QCOMPARE(table[0], SignalCsv::header());
        const int col = int(SignalCsv::header().indexOf(QStringLiteral("question")));
        QVERIFY(table[1][col].startsWith(QLatin1String("'=HYPERLINK"))); // not a formula any more
        const int desc = int(SignalCsv::header().indexOf(QStringLiteral("description")));
        QCOMPARE(table[1][desc], QStringLiteral("'-1 cent, \"quoted\", and a comma"));
        QCOMPARE(table[2][desc], QStringLiteral("'@SUM(A1)"));
        auto cell = [&](int row, const char *name) { return table[row][int(SignalCsv::header().indexOf(QLatin1String(name)))]; };
        QCOMPARE(cell(1, "type"), QStringLiteral("PANIC_SELL"));
        QCOMPARE(cell(1, "price_change"), QStringLiteral("-0.03")); // numbers are not escaped
        QCOMPARE(cell(1, "expected_reversion"), QStringLiteral("0.015"));
        QCOMPARE(cell(1, "reverted"), QStringLiteral("true"));
        QCOMPARE(cell(1, "reversion_time_s"), QStringLiteral("42.5"));
        QCOMPARE(cell(1, "max_profit_touch_to_touch"), QStringLiteral("0.025"));
        QCOMPARE(cell(1, "max_adverse_touch_to_touch"), QStringLiteral("0.005"));
        QCOMPARE(cell(1, "outcome"), QStringLiteral("Yes"));
        QCOMPARE(cell(2, "resolved"), QStringLiteral("false"));
        QCOMPARE(cell(2, "reverted"), QString());
        QCOMPARE(cell(2, "time_utc"), QStringLiteral("2026-01-01T00:01:00.000Z"));

        // Filters: by time and by market.
        QBuffer filtered;
        QVERIFY(filtered.open(QIODevice::WriteOnly));
        SignalCsv::Filter since;
        since.sinceMs = 1'767'225'630'000;
        QVERIFY(SignalCsv::exportTo(path, filtered, since, rows, error));
        QCOMPARE(rows, 1);
        QBuffer byAsset;
        QVERIFY(byAsset.open(QIODevice::WriteOnly));
        SignalCsv::Filter market;
        market.market = QStringLiteral("111");
        QVERIFY(SignalCsv::exportTo(path, byAsset, market, rows, error));
        QCOMPARE(rows, 1);
        // The signal log's filters (Export CSV "as filtered"): type, confidence, text.
        auto count = [&](const SignalCsv::Filter &f) {
            QBuffer out;
            out.open(QIODevice::WriteOnly);
            int n = -1;
            QString e;
            return SignalCsv::exportTo(path, out, f, n, e) ? n : -1;
        };
        SignalCsv::Filter byType;
        byType.type = QStringLiteral("LIQUIDITY_VACUUM");
        QCOMPARE(count(byType), 1);
        SignalCsv::Filter byConfidence;
        byConfidence.minConfidence = first.confidence + 1;
        QCOMPARE(count(byConfidence), 0);
        byConfidence.minConfidence = first.confidence;
        QCOMPARE(count(byConfidence), 2);
        SignalCsv::Filter byText;
        byText.text = QStringLiteral("WILL IT RAIN"); // in the question, any case
        QCOMPARE(count(byText), 2);
        byText.text = QStringLiteral("no");            // the second's outcome ("No")
        QCOMPARE(count(byText), 1);
        byText.text = QStringLiteral("snow");
        QCOMPARE(count(byText), 0);
        QVERIFY(!SignalCsv::Filter{}.narrowed());
        QVERIFY(byText.narrowed());
    }

    void historyOfAnAssetForItsChart_data() { engines(); }
    void historyOfAnAssetForItsChart()
    {
        NEW_STORE(path, "history");
        StorageWriter writer(path);
        writer.start();
        BookMetrics m;
        m.hasBid = m.hasAsk = true;
        m.bestAsk = 510'000;
        m.spread = 10'000;
        const qint64 t0 = 1'767'225'600'000;
        // A snapshot every 500 ms for 10 s, best bid stepping up a tick each time.
        for (int i = 0; i < 20; ++i) {
            m.bestBid = 400'000 + i * 10'000;
            writer.enqueue(SnapshotRow{QStringLiteral("111"), t0 + i * 500, m, "[]", "[]"});
        }
        BookMetrics oneSided = m;
        oneSided.hasAsk = false;
        writer.enqueue(SnapshotRow{QStringLiteral("111"), t0 + 20'000, oneSided, "[]", "[]"});
        // A 0.001-tick market: a 0.003 spread is three ticks, not 0.3.
        BookMetrics fine = m;
        fine.spread = 3'000;
        writer.enqueue(SnapshotRow{QStringLiteral("222"), t0, fine, "[]", "[]", 1'000});
        writer.enqueue(SignalRow{sampleSignal("111", t0 + 3'000, "pulled"), false});
        writer.enqueue(SignalRow{sampleSignal("111", t0 - 60'000, "too old"), false});
        QVERIFY(writer.waitUntilWritten(10000));
        writer.stop();

        const QList<AssetHistory> both =
            HistoryReader::read(path, {{QStringLiteral("111"), QStringLiteral("222")}, t0, t0 - 1'000, 1'000});
        QCOMPARE(both.size(), 2);
        const AssetHistory &h = both.first();
        // One point a second, two-sided snapshots only, oldest first.
        QCOMPARE(h.points.size(), 10);
        QCOMPARE(h.points.first().ts, t0);
        QCOMPARE(h.points.first().bid, Fixed(400'000));
        QCOMPARE(h.points[1].ts, t0 + 1000);
        QCOMPARE(h.points[1].bid, Fixed(420'000));
        QCOMPARE(h.points.last().ask, Fixed(510'000));
        QCOMPARE(h.signals_.size(), 1);
        QCOMPARE(h.signals_.first().description, std::string("pulled"));
        QCOMPARE(h.signals_.first().timestampMs, t0 + 3'000);
        // The same pass gives the baseline: one sample a second, in ticks.
        QCOMPARE(h.baseline.size(), 10);
        QCOMPARE(h.baseline.first().sample.spreadTicks, 1.0); // rows of cent markets
        QCOMPARE(both.last().baseline.size(), 1);
        QCOMPARE(both.last().baseline.first().sample.spreadTicks, 3.0);
        SignalEngine engine(SignalSettings{});
        QCOMPARE(HistoryReader::seedBaseline(both.last(), engine), 1);
        QCOMPARE(engine.baseline("222")->meanSpreadTicks(), 3.0);
        const QList<AssetHistory> none =
            HistoryReader::read(m_dir.filePath(QStringLiteral("none.db")), {{QStringLiteral("111")}, 0, 0, 1'000});
        QCOMPARE(none.size(), 1);
        QVERIFY(none.first().empty());
    }

    void signalsLeftOpenAreResolvedAtTheNextStart_data() { engines(); }
    void signalsLeftOpenAreResolvedAtTheNextStart()
    {
        NEW_STORE(path, "open");
        const qint64 t0 = 1'767'225'600'000;
        const qint64 horizon = 300'000;
        {
            StorageWriter writer(path);
            writer.start();
            // A run from t0 - 2000 s to t0 - 500 s, another from t0 - 60 s to t0 + 200 s, one from t0 + 400 s.
            writer.enqueue(SpanRow{QStringLiteral("run1"), t0 - 2'000'000, t0 - 500'000, QString()});
            writer.enqueue(SpanRow{QStringLiteral("run2"), t0 - 60'000, t0 + 200'000, QString()});
            writer.enqueue(SpanRow{QStringLiteral("run3"), t0 + 400'000, t0 + 900'000, QString()});
            // Fired during run1, its horizon inside it: resolved from the snapshots.
            Signal covered = sampleSignal("111", t0 - 1'000'000, "covered"); // BUY at the ask 0.51
            writer.enqueue(SignalRow{covered, false});
            BookMetrics m;
            m.hasBid = m.hasAsk = true;
            for (int i = 0; i < 30; ++i) { // the bid climbs a cent every 10 s
                m.bestBid = 470'000 + i * 10'000;
                m.bestAsk = m.bestBid + 20'000;
                m.spread = 20'000;
                m.mid = m.bestBid + 10'000;
                writer.enqueue(SnapshotRow{QStringLiteral("111"), t0 - 1'000'000 + (i + 1) * 10'000, m, "[]", "[]", 10'000});
            }
            // Fired during run2, which stopped 200 s into its horizon: not tracked.
            writer.enqueue(SignalRow{sampleSignal("222", t0, "gap"), false});
            // Already resolved, and one whose horizon has not ended: left alone.
            Signal done = sampleSignal("111", t0 - 1'500'000, "done");
            writer.enqueue(SignalRow{done, false});
            done.resolved = true;
            writer.enqueue(SignalRow{done, true});
            writer.enqueue(SignalRow{sampleSignal("333", t0 + 800'000, "recent"), false});
            QVERIFY(writer.waitUntilWritten(10000));
        }
        const QList<Signal> resolved = OpenOutcomeResolver::resolve(path, horizon, t0 + 900'000, t0 + 950'000);
        QCOMPARE(resolved.size(), 2);
        const Signal &a = resolved.at(0);
        QCOMPARE(a.assetId, std::string("111"));
        QVERIFY(a.resolved && a.tracked && a.reverted);
        QCOMPARE(a.maxProfit, Fixed(250'000)); // best bid 0.76 - entry ask 0.51
        const Signal &b = resolved.at(1);
        QCOMPARE(b.assetId, std::string("222"));
        QVERIFY(b.resolved && !b.tracked);
        // Written back, the CSV says so.
        {
            StorageWriter writer(path);
            writer.start();
            for (const Signal &s : resolved)
                writer.enqueue(SignalRow{s, true});
            QVERIFY(writer.waitUntilWritten(10000));
        }
        QBuffer csv;
        QVERIFY(csv.open(QIODevice::WriteOnly));
        int rows = 0;
        QString error;
        QVERIFY(SignalCsv::exportTo(path, csv, {}, rows, error));
        const QList<QStringList> table = parseCsv(QString::fromUtf8(csv.data()));
        const qsizetype reverted = SignalCsv::header().indexOf(QStringLiteral("reverted"));
        const qsizetype desc = SignalCsv::header().indexOf(QStringLiteral("description"));
        QStringList byDescription;
        for (const QStringList &row : table.mid(1))
            byDescription << row[desc] + QLatin1Char('=') + row[reverted];
        QCOMPARE(byDescription, (QStringList{QStringLiteral("done=false"), QStringLiteral("covered=true"),
                                             QStringLiteral("gap=not tracked"), QStringLiteral("recent=")}));
        // Nothing is left for a next start but the recent one, until its horizon ends.
        QCOMPARE(OpenOutcomeResolver::resolve(path, horizon, t0 + 900'000, t0 + 950'000).size(), 0);
        // A signal of this run (fired after `before`) is the live tracker's.
        QCOMPARE(OpenOutcomeResolver::resolve(path, horizon, t0 + 700'000, t0 + 2'000'000).size(), 0);
        QCOMPARE(OpenOutcomeResolver::resolve(path, horizon, t0 + 900'000, t0 + 1'100'000).size(), 1);
    }

    void readerAnswersOnTheCallersThreadWithoutBlockingIt()
    {
        StorageReader reader;
        QObject context;
        QList<int> results;
        QThread *answeredOn = nullptr;
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, &context, [&ticks] { ++ticks; });
        timer.start();
        for (int i = 1; i <= 3; ++i) {
            reader.run<int>(
                [i] {
                    QThread::msleep(100); // a slow read
                    return i;
                },
                &context, [&](int r) {
                    results << r;
                    answeredOn = QThread::currentThread();
                });
        }
        QCOMPARE(reader.pending(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 3, 5000);
        QCOMPARE(results, (QList<int>{1, 2, 3})); // in order
        QCOMPARE(answeredOn, QThread::currentThread());
        QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks))); // the caller's loop ran meanwhile
        QCOMPARE(reader.pending(), 0);
    }

    void migratesAnOlderSchema()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.db"));
        withDb(path, [](QSqlDatabase &db) {
            QString error;
            QVERIFY2(Schema::migrate(db, error, 1), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO psychology_signal (signal_type, asset_id, ts, side, score) "
                                          "VALUES ('FOMO_BUY', '9', 5, 'SELL', 61)")));
            QCOMPARE(Schema::version(db), 1);
        });
        StorageWriter writer(path);
        writer.start();
        writer.enqueue(TradeRow{QStringLiteral("9"), 6, 500'000, 1'000'000, Side::Buy});
        QVERIFY(writer.waitUntilWritten(10000));
        writer.stop();
        withDb(path, [](QSqlDatabase &db) {
            QCOMPARE(Schema::version(db), Schema::kVersion);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT score, max_adverse FROM psychology_signal")) && q.next());
            QCOMPARE(q.value(0).toInt(), 61); // kept across the migration
            QVERIFY(q.value(1).isNull());     // the new column
            QVERIFY(q.exec(QStringLiteral("SELECT tracked FROM psychology_signal")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1); // outcomes recorded before version 3 were tracked
            QVERIFY(q.exec(QStringLiteral("SELECT tick FROM order_book_snapshot")));
        });
    }

    void refusesANewerSchema()
    {
        const QString path = m_dir.filePath(QStringLiteral("future.db"));
        withDb(path, [](QSqlDatabase &db) { QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99")); });
        StorageWriter writer(path);
        QSignalSpy errors(&writer, &StorageWriter::errorOccurred);
        writer.start();
        QVERIFY(errors.wait(10000));
        QVERIFY(errors.first().first().toString().contains(QLatin1String("newer than this polymon")));
    }

    void unwritablePathIsReportedAndNothingCrashes()
    {
        StorageWriter writer(QStringLiteral("/proc/polymon-cannot-be-here/polymon.db"));
        QSignalSpy errors(&writer, &StorageWriter::errorOccurred);
        writer.start();
        for (int i = 0; i < 100; ++i)
            writer.enqueue(TradeRow{QStringLiteral("1"), i, 1, 1, Side::Buy});
        QVERIFY(errors.wait(10000));
        QVERIFY(errors.first().first().toString().startsWith(QLatin1String("cannot open")));
        QCOMPARE(writer.stats().written, 0);
        QCOMPARE(writer.stats().queued, 100); // kept, waiting for a retry
    }

    void lockedDatabaseIsReportedThenRecovers()
    {
        const QString path = m_dir.filePath(QStringLiteral("locked.db"));
        {
            StorageWriter first(path); // creates the schema
            first.start();
            first.enqueue(TradeRow{QStringLiteral("1"), 1, 1, 1, Side::Buy});
            QVERIFY(first.waitUntilWritten(10000));
        }
        const QString name = QStringLiteral("locker");
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            locker.setDatabaseName(path);
            QVERIFY(locker.open());
            QSqlQuery lock(locker);
            QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));

            StorageWriter writer(path, 50);
            QSignalSpy errors(&writer, &StorageWriter::errorOccurred);
            QSignalSpy recovered(&writer, &StorageWriter::recovered);
            writer.start();
            writer.enqueue(TradeRow{QStringLiteral("2"), 2, 1, 1, Side::Buy});
            QVERIFY(errors.wait(15000));
            QVERIFY2(errors.first().first().toString().contains(QLatin1String("locked")),
                     qPrintable(errors.first().first().toString()));
            // The queue is bounded: the rest is dropped and counted.
            for (int i = 0; i < 100; ++i)
                writer.enqueue(TradeRow{QStringLiteral("3"), i, 1, 1, Side::Buy});
            QVERIFY(writer.stats().dropped > 0);
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
            QVERIFY(recovered.wait(15000) || recovered.count() > 0);
            QVERIFY(writer.waitUntilWritten(15000));
            QCOMPARE(writer.stats().written + writer.stats().dropped, 101);
            writer.stop();
            locker.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    static SnapshotRow bigSnapshot(const QString &asset, qint64 ts)
    {
        SnapshotRow s;
        s.assetId = asset;
        s.timestampMs = ts;
        s.metrics.hasBid = s.metrics.hasAsk = true;
        s.metrics.bestBid = 400'000;
        s.metrics.bestAsk = 410'000;
        s.bids = QByteArray("[") + QByteArray(R"(["0.4","1000.5"],)").repeated(60) + QByteArray(R"(["0.39","1"]])");
        s.asks = s.bids;
        s.tickSize = 10'000;
        return s;
    }

    static qint64 count(const QString &path, const QString &sql)
    {
        qint64 n = -1;
        withDb(path, [&](QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY2(q.exec(sql) && q.next(), qPrintable(q.lastError().text()));
            n = q.value(0).toLongLong();
        });
        return n;
    }

    void badRowIsSetAsideAndTheRestWritten_data() { engines(); }
    void badRowIsSetAsideAndTheRestWritten()
    {
        NEW_STORE(path, "badrow");
        {
            StorageWriter first(path); // creates the schema
            first.start();
            first.enqueue(TradeRow{QStringLiteral("1"), 1, 1, 1, Side::Buy});
            QVERIFY(first.waitUntilWritten(10000));
        }
        // A row the database refuses on its own (as a constraint would).
        withDb(path, [](QSqlDatabase &db) {
            QSqlQuery q(db);
            if (db.driverName() == QLatin1String("QPSQL")) { // a check violation, as a constraint would raise
                QVERIFY2(q.exec(QStringLiteral("CREATE FUNCTION reject_13() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                               "IF NEW.size = 13 THEN RAISE EXCEPTION 'size 13 is refused' USING ERRCODE = "
                                               "'23514'; END IF; RETURN NEW; END $$")),
                         qPrintable(q.lastError().text()));
                QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER reject_13 BEFORE INSERT ON trade FOR EACH ROW EXECUTE "
                                               "FUNCTION reject_13()")),
                         qPrintable(q.lastError().text()));
            } else {
                QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER reject_13 BEFORE INSERT ON trade WHEN NEW.size = 13 "
                                              "BEGIN SELECT RAISE(ABORT, 'size 13 is refused'); END")));
            }
        });
        StorageWriter writer(path);
        writer.start();
        // Logged once for its reason, however many rows share it.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("row set aside:.*size 13 is refused")));
        QTest::failOnWarning(QRegularExpression(QStringLiteral("row set aside")));
        for (int i = 0; i < 10; ++i)
            writer.enqueue(TradeRow{QStringLiteral("2"), 100 + i, 500'000, i == 4 ? 13 : 1'000'000, Side::Sell});
        // A null question where the schema says NOT NULL: stored as "".
        writer.enqueue(MarketRow{QStringLiteral("0xnull"), QString(), QString(), QString(), {QStringLiteral("7")}, {}});
        QVERIFY(writer.waitUntilWritten(10000));
        QCOMPARE(writer.stats().rejected, 1);
        QCOMPARE(writer.stats().written, 10); // 9 trades and the market
        writer.enqueue(TradeRow{QStringLiteral("2"), 200, 500'000, 13, Side::Sell});
        writer.enqueue(TradeRow{QStringLiteral("2"), 201, 500'000, 2'000'000, Side::Sell});
        QVERIFY(writer.waitUntilWritten(10000));
        QCOMPARE(writer.stats().rejected, 2);
        QVERIFY(writer.stats().lastError.isEmpty());
        writer.stop();
        QCOMPARE(count(path, QStringLiteral("SELECT COUNT(*) FROM trade WHERE asset_id = '2'")), 10);
        QCOMPARE(count(path, QStringLiteral("SELECT COUNT(*) FROM market WHERE condition_id = '0xnull' AND question = ''")), 1);
    }

    void fullDiskIsReportedAndWritingResumes()
    {
        const QString path = m_dir.filePath(QStringLiteral("full.db"));
        StorageWriter writer(path);
        writer.setRetryBackoff(40, 320);
        QSignalSpy errors(&writer, &StorageWriter::errorOccurred);
        QSignalSpy recovered(&writer, &StorageWriter::recovered);
        writer.start();
        writer.enqueue(bigSnapshot(QStringLiteral("A"), 1));
        QVERIFY(writer.waitUntilWritten(10000));
        // No room left (PRAGMA max_page_count): every batch now fails as on a full disk.
        writer.setMaxSizeBytes(QFileInfo(path).size());
        for (int i = 0; i < 500; ++i)
            writer.enqueue(bigSnapshot(QStringLiteral("A"), 100 + i));
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000); // emitted from the writer thread: maybe before a wait()
        QVERIFY2(errors.first().first().toString().startsWith(QLatin1String("database full")),
                 qPrintable(errors.first().first().toString()));
        // Retried with a growing backoff, reported once, nothing lost meanwhile.
        QTRY_COMPARE_WITH_TIMEOUT(writer.stats().retryInMs, 320, 10000);
        QCOMPARE(errors.count(), 1);
        QVERIFY(writer.stats().failedBatches >= 4);
        writer.enqueue(TradeRow{QStringLiteral("A"), 2, 1, 1, Side::Buy});
        QCOMPARE(writer.stats().queued, 501);
        QCOMPARE(writer.stats().written, 1);
        // Space comes back: everything the queue held is written.
        writer.setMaxSizeBytes(0);
        QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, 10000);
        QVERIFY(writer.waitUntilWritten(10000));
        QCOMPARE(writer.stats().written, 502);
        QCOMPARE(writer.stats().dropped, 0);
        QCOMPARE(writer.stats().rejected, 0);
        writer.stop();
        QCOMPARE(count(path, QStringLiteral("SELECT COUNT(*) FROM order_book_snapshot")), 501);
        QCOMPARE(count(path, QStringLiteral("SELECT COUNT(*) FROM order_book_snapshot WHERE tick = 10000")), 501);
    }

    void aRangeOfTheDatabaseBecomesACaptureThatReplays()
    {
        auto cli = [](const QStringList &args, QByteArray *err = nullptr, QByteArray *out = nullptr) {
            QProcess p;
            p.start(QStringLiteral(POLYMON_CLI_PATH), args);
            p.waitForFinished(120000);
            if (err)
                *err = p.readAllStandardError();
            if (out)
                *out = p.readAllStandardOutput();
            return p.exitCode();
        };
        // Twelve simulated minutes of two markets, recorded into SQLite by a replay.
        const QString frames = m_dir.filePath(QStringLiteral("range-frames.jsonl"));
        const QString db = m_dir.filePath(QStringLiteral("range.db"));
        QCOMPARE(cli({QStringLiteral("backtest"), QStringLiteral("--sim"), QStringLiteral("--hours"), QStringLiteral("0.2"),
                      QStringLiteral("--markets"), QStringLiteral("2"), QStringLiteral("--record"), frames, QStringLiteral("--json")}),
                 0);
        QCOMPARE(cli({QStringLiteral("replay"), frames, QStringLiteral("--db"), db, QStringLiteral("--emit"), QStringLiteral("none")}), 0);
        qint64 snapshots = 0, trades = 0, firstMs = 0, lastMs = 0;
        QHash<QString, QPair<qint64, qint64>> lastTop; // asset -> stored best bid and ask of its last snapshot
        withDb(db, [&](QSqlDatabase &d) {
            QSqlQuery q(d);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*), min(ts), max(ts) FROM order_book_snapshot")) && q.next());
            snapshots = q.value(0).toLongLong();
            firstMs = q.value(1).toLongLong();
            lastMs = q.value(2).toLongLong();
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM trade")) && q.next());
            trades = q.value(0).toLongLong();
            QVERIFY(q.exec(QStringLiteral("SELECT asset_id, best_bid, best_ask FROM order_book_snapshot ORDER BY ts, id")));
            while (q.next())
                lastTop.insert(q.value(0).toString(), {q.value(1).toLongLong(), q.value(2).toLongLong()});
        });
        QVERIFY(snapshots > 1000);
        QVERIFY(trades > 0);
        QCOMPARE(lastTop.size(), 4);

        // The whole database: a book frame per snapshot, a trade frame per trade.
        const QString capture = m_dir.filePath(QStringLiteral("range.pmcap"));
        QByteArray err;
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--capture"), capture}, &err), 0);
        QVERIFY2(err.contains("exported 4 markets (4 assets)"), err.constData());
        QByteArray out;
        QCOMPARE(cli({QStringLiteral("replay"), capture, QStringLiteral("--emit"), QStringLiteral("frames")}, nullptr, &out), 0);
        QCOMPARE(out.count("\"event_type\":\"book\""), snapshots);
        QCOMPARE(out.count("\"event_type\":\"last_trade_price\""), trades);
        // Replayed, each asset ends on its last stored top.
        QCOMPARE(cli({QStringLiteral("replay"), capture, QStringLiteral("--emit"), QStringLiteral("tops")}, nullptr, &out), 0);
        QHash<QString, QJsonObject> replayedTop;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (!o.isEmpty())
                replayedTop.insert(o.value(QStringLiteral("asset_id")).toString(), o);
        }
        for (auto it = lastTop.cbegin(); it != lastTop.cend(); ++it) {
            const QJsonObject top = replayedTop.value(it.key());
            QCOMPARE(top.value(QStringLiteral("best_bid")).toString(), QString::fromStdString(formatFixed(it.value().first)));
            QCOMPARE(top.value(QStringLiteral("best_ask")).toString(), QString::fromStdString(formatFixed(it.value().second)));
        }
        // Backtests read it like any recording.
        QCOMPARE(cli({QStringLiteral("backtest"), QStringLiteral("--capture"), capture, QStringLiteral("--strategy"),
                      QStringLiteral("fade"), QStringLiteral("--json")}),
                 0);

        // A range: only what was recorded inside it.
        const qint64 from = firstMs + (lastMs - firstMs) / 2;
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--since"), QString::number(from),
                      QStringLiteral("--until"), QString::number(lastMs), QStringLiteral("--capture"), capture},
                     &err),
                 0);
        QCOMPARE(cli({QStringLiteral("replay"), capture, QStringLiteral("--emit"), QStringLiteral("frames")}, nullptr, &out), 0);
        const qint64 inRange = out.count("\"event_type\":\"book\"");
        QVERIFY(inRange > 0 && inRange < snapshots / 2 + 10);
        // Nothing recorded there: an error, no file left behind.
        const QString empty = m_dir.filePath(QStringLiteral("empty.pmcap"));
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--since"), QStringLiteral("1000"),
                      QStringLiteral("--until"), QStringLiteral("2000"), QStringLiteral("--capture"), empty},
                     &err),
                 1);
        QVERIFY(err.contains("nothing was recorded"));
        QVERIFY(!QFile::exists(empty));
        QVERIFY(!QFile::exists(empty + QStringLiteral(".part")));
    }

    void signalQualityFromTheHistoryAgreesWithTheReplay_data() { engines(); }
    void signalQualityFromTheHistoryAgreesWithTheReplay()
    {
        auto cli = [](const QStringList &args, QByteArray *out = nullptr) {
            QProcess p;
            p.start(QStringLiteral(POLYMON_CLI_PATH), args);
            p.waitForFinished(120000);
            if (out)
                *out = p.readAllStandardOutput();
            return p.exitCode();
        };
        // Simulated episodes, recorded into SQLite by a replay with its signals and outcomes.
        const QString frames = m_dir.filePath(QStringLiteral("quality-frames.jsonl"));
        NEW_STORE(db, "quality");
        QCOMPARE(cli({QStringLiteral("backtest"), QStringLiteral("--sim"), QStringLiteral("--seed"), QStringLiteral("4"),
                      QStringLiteral("--hours"), QStringLiteral("1"), QStringLiteral("--markets"), QStringLiteral("4"),
                      QStringLiteral("--record"), frames, QStringLiteral("--json")}),
                 0);
        QCOMPARE(cli({QStringLiteral("replay"), frames, QStringLiteral("--db"), db, QStringLiteral("--emit"), QStringLiteral("none")}), 0);
        QByteArray out;
        QCOMPARE(cli({QStringLiteral("backtest"), QStringLiteral("--capture"), frames, QStringLiteral("--json")}, &out), 0);
        const QJsonObject replayed = QJsonDocument::fromJson(out).object().value(QStringLiteral("quality")).toObject();

        SignalQualityReader::Result history;
        QString error;
        QVERIFY2(SignalQualityReader::read(db, 0, StrategySettings{}.fees, history, error), qPrintable(error));
        QVERIFY(history.signals > 0);
        const auto summary = history.quality.summary();
        int compared = 0;
        for (int t = 0; t < kSignalTypeCount; ++t) {
            const QJsonObject r = replayed.value(QLatin1String(signalTypeName(SignalType(t)))).toObject();
            const auto &h = summary[std::size_t(t)];
            // Every outcome is the same; the moves come from 500 ms snapshots instead of every
            // update, so they agree to within a cent.
            QCOMPARE(h.resolved, r.value(QStringLiteral("resolved")).toInt());
            const QJsonObject move = r.value(QStringLiteral("move_2m")).toObject();
            if (move.value(QStringLiteral("n")).toInt() == 0)
                continue;
            QCOMPARE(h.move[1].n, move.value(QStringLiteral("n")).toInt());
            QVERIFY(std::abs(h.move[1].mean - move.value(QStringLiteral("mean")).toDouble()) < 0.01);
            ++compared;
        }
        QVERIFY(compared > 0);
    }

    void processKilledMidWriteLeavesAConsistentFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed.db"));
        QProcess monitor;
        monitor.start(QStringLiteral(POLYMON_CLI_PATH),
                      {QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--json"), QStringLiteral("--db"),
                       path, QStringLiteral("--duration"), QStringLiteral("60")});
        QVERIFY(monitor.waitForStarted());
        // Wait until snapshots are being committed, then kill -9.
        qint64 rows = 0;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     if (!QFile::exists(path))
                                         return false;
                                     withDb(path, [&](QSqlDatabase &db) {
                                         QSqlQuery q(db);
                                         if (q.exec(QStringLiteral("SELECT count(*) FROM order_book_snapshot")) && q.next())
                                             rows = q.value(0).toLongLong();
                                     });
                                     return rows > 20;
                                 }()),
                                 20000);
        monitor.kill();
        QVERIFY(monitor.waitForFinished(5000));
        withDb(path, [](QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM order_book_snapshot")) && q.next());
            QVERIFY(q.value(0).toLongLong() > 20);
        });
    }
};

QTEST_GUILESS_MAIN(TstStorage)
#include "tst_storage.moc"
