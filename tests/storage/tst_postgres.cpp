// The shared store's first layer: where the store is (a path or a
// postgresql:// URL, never with a password), and one schema migrated on
// SQLite and on a real PostgreSQL server the test starts for itself.
#include "pgtestserver.h"
#include "samplesignal.h"
#include "storage/databaselocation.h"
#include "storage/daypartitions.h"
#include "storage/coveragereader.h"
#include "storage/eventreader.h"
#include "storage/historyreader.h"
#include "storage/readonlyconnection.h"
#include "session/captureplayer.h"
#include "session/rangecapture.h"
#include "storage/schema.h"
#include "storage/signalcsv.h"
#include "storage/storagewriter.h"
#include "storage/tradingreader.h"
#include "storage/storecopy.h"

#include <QBuffer>
#include <QDateTime>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>

using namespace polymon;

namespace {

const QStringList kTables{QStringLiteral("market"),        QStringLiteral("asset"),
                          QStringLiteral("order_book_snapshot"), QStringLiteral("psychology_signal"),
                          QStringLiteral("trade"),         QStringLiteral("recording_span"),
                          QStringLiteral("trading_order"), QStringLiteral("trading_fill"),
                          QStringLiteral("trading_position"), QStringLiteral("market_event")};

constexpr char kDescription[] = "-1 cent, \"quoted\", and a comma";
constexpr qint64 kT0 = 1'767'225'600'000;

// A recorder's rows: a market, two signals (one resolved), a minute of
// snapshots, a trade, and events (one twice).
void record(StorageWriter &writer)
{
    writer.enqueue(MarketRow{QStringLiteral("0xmarket"), QStringLiteral("Will it rain?"), QStringLiteral("rain"), QString(),
                             {QStringLiteral("111"), QStringLiteral("222")}, {QStringLiteral("Yes"), QStringLiteral("No")}});
    Signal first = sampleSignal("111", kT0, kDescription);
    writer.enqueue(SignalRow{first, false});
    writer.enqueue(SignalRow{sampleSignal("222", kT0 + 60'000, kDescription, SignalType::LiquidityVacuum), false});
    first.resolved = true;
    first.reverted = true;
    first.reversionTimeS = 42.5;
    first.maxProfit = 25'000;
    first.maxAdverse = 5'000;
    writer.enqueue(SignalRow{first, true});
    for (int i = 0; i < 60; ++i) {
        BookMetrics m;
        m.hasBid = m.hasAsk = true;
        m.bestBid = 470'000 + (i % 3) * 10'000;
        m.bestAsk = m.bestBid + 20'000;
        m.spread = 20'000;
        m.mid = m.bestBid + 10'000;
        m.bidDepth = 123'450'000;
        m.askDepth = 98'000'000;
        writer.enqueue(SnapshotRow{QStringLiteral("111"), kT0 + i * 1'000, m, "[[\"0.47\",\"123.45\"]]", "[]", 10'000});
    }
    writer.enqueue(TradeRow{QStringLiteral("111"), kT0 + 600, 480'000, 2'500'000, Side::Sell});
    const MarketEvent goal{kT0 + 5'000, QStringLiteral("score home"), {}, {}, QStringLiteral("HOME 1-0"), QStringLiteral("final")};
    writer.enqueue(EventRow{goal, QStringLiteral("sports")});
    writer.enqueue(EventRow{goal, QStringLiteral("sports")}); // the same event again: kept once
    writer.enqueue(EventRow{MarketEvent{kT0 + 9'000, QStringLiteral("chat_burst"), QStringLiteral("0xmarket"), {},
                                        QStringLiteral("12 msg/s"), {}},
                            QStringLiteral("chat")});
    // Paper trading: a working order partly filled, and its fill.
    Order order;
    order.id = 7;
    order.request.assetId = QStringLiteral("111");
    order.request.price = 470'000;
    order.request.size = 10'000'000;
    order.filled = 4'000'000;
    order.createdMs = order.updatedMs = kT0 + 1'000;
    writer.enqueue(OrderRow{QStringLiteral("paper"), order});
    Fill fill;
    fill.orderId = 7;
    fill.assetId = QStringLiteral("111");
    fill.timestampMs = kT0 + 2'000;
    fill.price = 470'000;
    fill.size = 4'000'000;
    fill.notional = 1'880'000;
    fill.maker = true;
    writer.enqueue(FillRow{QStringLiteral("paper"), fill});
}

// What the desktop and the CLI read back from a store.
struct ReadBack
{
    QByteArray csv;
    int csvRows = 0;
    int rainRows = 0;
    std::vector<MarketEvent> events;
    int historyPoints = 0;
    int historySignals = 0;
    int historyBaseline = 0;
    TradingReader::Result trading;
};

ReadBack readBack(const QString &store)
{
    ReadBack r;
    QString error;
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    if (!SignalCsv::exportTo(store, csv, {}, r.csvRows, error))
        qWarning() << "export:" << error;
    r.csv = csv.data();
    QBuffer rain;
    rain.open(QIODevice::WriteOnly);
    SignalCsv::Filter byText;
    byText.text = QStringLiteral("WILL IT RAIN");
    SignalCsv::exportTo(store, rain, byText, r.rainRows, error);
    EventReader::read(store, 0, kT0 + 3'600'000, r.events, error);
    const QList<AssetHistory> histories =
        HistoryReader::read(store, HistoryReader::Request{{QStringLiteral("111")}, kT0 - 1, kT0 - 1, 1'000});
    TradingReader::read(store, QStringLiteral("paper"), r.trading, error);
    for (const AssetHistory &h : histories) {
        r.historyPoints += int(h.points.size());
        r.historySignals += int(h.signals_.size());
        r.historyBaseline += int(h.baseline.size());
    }
    return r;
}

} // namespace

class TstPostgres : public QObject
{
    Q_OBJECT

    // The test's own server: started once, stopped at the end.
    PgTestServer *m_server = nullptr;

    // Migrates a fresh database and checks what a user of either engine relies on.
    void checkSchema(QSqlDatabase &db)
    {
        QString error;
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QVERIFY2(Schema::configure(db, error), qPrintable(error));
        QCOMPARE(Schema::version(db), 0);
        QVERIFY2(Schema::migrate(db, error), qPrintable(error));
        QCOMPARE(Schema::version(db), Schema::kVersion);
        // Every table answers (Qt's table list leaves out PostgreSQL's partitioned ones).
        for (const QString &t : kTables) {
            QSqlQuery probe(db);
            QVERIFY2(probe.exec(QStringLiteral("SELECT count(*) FROM %1").arg(t)) && probe.next(), qPrintable(t));
            QCOMPARE(probe.value(0).toInt(), 0);
        }
        QVERIFY2(Schema::migrate(db, error), qPrintable(error)); // again: nothing to do
        QCOMPARE(Schema::version(db), Schema::kVersion);
        // Row ids come by themselves; times in ms and millionths fit (64 bits).
        // PostgreSQL keeps a table per day: the day's is made first.
        DayPartitions days;
        QVERIFY2(days.ensure(db, {DayPartitions::dayOf(1764400000000)}, error), qPrintable(error));
        QSqlQuery q(db);
        for (int i = 0; i < 2; ++i)
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO trade (asset_id, ts, price, size, side) VALUES "
                                           "('a', %1, 500000, 9000000000000, 'BUY')")
                                .arg(1764400000000 + i)),
                     qPrintable(q.lastError().text()));
        // The same trade recorded twice (two recorders on one asset) is kept once.
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO trade (asset_id, ts, price, size, side) VALUES "
                                       "('a', 1764400000000, 500000, 9000000000000, 'BUY')")));
        QVERIFY(q.exec(QStringLiteral("SELECT id, ts, size FROM trade ORDER BY id")));
        QVERIFY(q.next());
        const qint64 first = q.value(0).toLongLong();
        QCOMPARE(q.value(1).toLongLong(), qint64(1764400000000));
        QCOMPARE(q.value(2).toLongLong(), qint64(9000000000000));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toLongLong() > first);
        // The same event twice is refused by the unique key on both engines.
        const QString event = QStringLiteral("INSERT INTO market_event (ts, type, text) VALUES (1, 'goal', '1-0')");
        QVERIFY(q.exec(event));
        QVERIFY(!q.exec(event));
    }

private Q_SLOTS:
    void initTestCase() { m_server = new PgTestServer; }
    void cleanupTestCase()
    {
        delete m_server;
        m_server = nullptr;
    }

    void locationsAreParsed()
    {
        DatabaseLocation l;
        QString error;
        QVERIFY(DatabaseLocation::parse(QStringLiteral("/home/me/polymon.db"), l, error));
        QVERIFY(!l.isPostgres());
        QCOMPARE(l.driver(), QStringLiteral("QSQLITE"));
        QCOMPARE(l.path, QStringLiteral("/home/me/polymon.db"));
        QVERIFY(DatabaseLocation::parse(QStringLiteral("postgresql://rec@db.lan:6543/books?sslmode=require"), l, error));
        QVERIFY(l.isPostgres());
        QCOMPARE(l.driver(), QStringLiteral("QPSQL"));
        QCOMPARE(l.host, QStringLiteral("db.lan"));
        QCOMPARE(l.port, 6543);
        QCOMPARE(l.user, QStringLiteral("rec"));
        QCOMPARE(l.database, QStringLiteral("books"));
        QCOMPARE(l.options, QStringLiteral("sslmode=require"));
        QCOMPARE(l.display(), QStringLiteral("postgresql://rec@db.lan:6543/books"));
        QVERIFY(DatabaseLocation::parse(QStringLiteral("postgres://localhost/books"), l, error));
        QCOMPARE(l.port, 5432);
        // A password never rides in the URL; a URL without a database is no store.
        QVERIFY(!DatabaseLocation::parse(QStringLiteral("postgresql://rec:hunter2@db.lan/books"), l, error));
        QVERIFY(error.contains(QStringLiteral(".pgpass")));
        QVERIFY(!error.contains(QStringLiteral("hunter2")));
        QVERIFY(!DatabaseLocation::parse(QStringLiteral("postgresql://rec@db.lan/books?password=hunter2"), l, error));
        QVERIFY(!DatabaseLocation::parse(QStringLiteral("postgresql://rec@db.lan/"), l, error));
        QVERIFY(!DatabaseLocation::parse(QStringLiteral("  "), l, error));
    }

    void theSchemaMigratesOnSqlite()
    {
        QTemporaryDir dir;
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("sqlite"));
        db.setDatabaseName(dir.filePath(QStringLiteral("store.db")));
        checkSchema(db);
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("sqlite"));
    }

    void theWriterAndTheReadersAgreeOnBothEngines()
    {
        POLYMON_NEED_POSTGRES(m_server);
        QString error;
        QTemporaryDir dir;
        const QString sqlite = dir.filePath(QStringLiteral("store.db"));
        const QString postgres = m_server->createDatabase(QStringLiteral("agree"));
        for (const QString &store : {sqlite, postgres}) {
            StorageWriter writer(store);
            writer.start();
            record(writer);
            QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
            QCOMPARE(writer.stats().rejected, 0);
            writer.stop();
        }
        // A second recorder on the same assets: what it records again is kept once.
        {
            StorageWriter other(postgres);
            other.start();
            record(other);
            QVERIFY2(other.waitUntilWritten(20'000), qPrintable(other.stats().lastError));
            QCOMPARE(other.stats().rejected, 0);
            other.stop();
        }
        const ReadBack a = readBack(sqlite);
        const ReadBack b = readBack(postgres);
        QCOMPARE(a.csvRows, 2);
        QCOMPARE(b.csvRows, a.csvRows);
        QCOMPARE(QString::fromUtf8(b.csv), QString::fromUtf8(a.csv)); // the same file, byte for byte
        QCOMPARE(a.rainRows, 2);                                       // the question, any case
        QCOMPARE(b.rainRows, a.rainRows);
        QCOMPARE(int(a.events.size()), 2);
        QCOMPARE(int(b.events.size()), 2);
        for (std::size_t i = 0; i < a.events.size(); ++i) {
            QCOMPARE(b.events[i].tsMs, a.events[i].tsMs);
            QCOMPARE(b.events[i].type, a.events[i].type);
            QCOMPARE(b.events[i].text, a.events[i].text);
            QCOMPARE(b.events[i].slug, a.events[i].slug);
        }
        QVERIFY(a.historyPoints > 0);
        QCOMPARE(b.historyPoints, a.historyPoints);
        // File ▸ Replay from the database: the same range capture, tokens in their market's order.
        QList<RangeCapture::Summary> summaries;
        for (const QString &store : {sqlite, postgres}) {
            RangeCapture::Summary summary;
            const QString capture = dir.filePath(QStringLiteral("range-%1.pmcap").arg(store == sqlite ? 1 : 2));
            QVERIFY2(RangeCapture::write(store, RangeCapture::Range{kT0 - 1, kT0 + 3'600'000, {}}, capture, summary, error),
                     qPrintable(error));
            summaries << summary;
            CapturePlayer player;
            QVERIFY2(player.open(capture, error), qPrintable(error));
            const QList<MarketInfo> markets = player.recordedMarkets();
            QCOMPARE(markets.size(), 1);
            QCOMPARE(markets[0].tokenIds, QStringList({QStringLiteral("111"), QStringLiteral("222")}));
        }
        QVERIFY(summaries[0].snapshots > 0);
        QCOMPARE(summaries[1].snapshots, summaries[0].snapshots);
        QCOMPARE(summaries[1].trades, summaries[0].trades);
        QCOMPARE(summaries[1].firstMs, summaries[0].firstMs);
        QCOMPARE(summaries[1].lastMs, summaries[0].lastMs);
        QCOMPARE(b.historySignals, a.historySignals);
        QCOMPARE(b.historyBaseline, a.historyBaseline);
        QCOMPARE(int(a.trading.working.size()), 1);
        QCOMPARE(int(b.trading.working.size()), 1);
        QCOMPARE(b.trading.working[0].filled, a.trading.working[0].filled);
        QCOMPARE(int(b.trading.fills.size()), 1);
        QCOMPARE(b.trading.fills[0].notional, a.trading.fills[0].notional);
        QCOMPARE(b.trading.fills[0].maker, true);
        QCOMPARE(b.trading.lastOrderId, qint64(7));
    }

    void aRecorderThatLosesTheServerCatchesUp()
    {
        POLYMON_NEED_POSTGRES(m_server);
        const QString store = m_server->createDatabase(QStringLiteral("lost"));
        StorageWriter writer(store);
        writer.setRetryBackoff(50, 400);
        writer.start();
        writer.enqueue(TradeRow{QStringLiteral("111"), kT0, 480'000, 1'000'000, Side::Buy});
        QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
        // The server goes away: the writer says so and keeps what comes.
        QSignalSpy failed(&writer, &StorageWriter::errorOccurred);
        QSignalSpy recovered(&writer, &StorageWriter::recovered);
        QVERIFY(m_server->stop());
        for (int i = 1; i <= 50; ++i)
            writer.enqueue(TradeRow{QStringLiteral("111"), kT0 + i, 480'000, 1'000'000, Side::Buy});
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 10'000);
        QVERIFY(!writer.stats().lastError.isEmpty());
        QVERIFY(writer.stats().queued > 0);
        QCOMPARE(writer.stats().dropped, 0);
        // It comes back: everything kept is written, once.
        QVERIFY(m_server->start());
        QTRY_VERIFY_WITH_TIMEOUT(recovered.count() >= 1, 20'000);
        QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
        writer.stop();
        ReadOnlyConnection read(store);
        QString error;
        QVERIFY2(read.open(error), qPrintable(error));
        QSqlQuery q(read.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT ts) FROM trade")) && q.next());
        QCOMPARE(q.value(0).toInt(), 51);
        QCOMPARE(q.value(1).toInt(), 51);
        // Readers cannot write, whatever the role may do.
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM trade")));
    }

    void aRecordingMovesIntoTheSharedStoreAndBack()
    {
        POLYMON_NEED_POSTGRES(m_server);
        QTemporaryDir dir;
        const QString local = dir.filePath(QStringLiteral("laptop.db"));
        {
            StorageWriter writer(local);
            writer.start();
            record(writer);
            QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
            writer.stop();
        }
        const QString shared = m_server->createDatabase(QStringLiteral("team"));
        auto rows = [](const QString &store, const char *table) {
            ReadOnlyConnection c(store);
            QString error;
            if (!c.open(error))
                return -1;
            QSqlQuery q(c.db());
            return q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) && q.next() ? q.value(0).toInt() : -1;
        };
        QList<StoreCopy::TableCount> counts;
        QString error;
        QVERIFY2(StoreCopy::run(local, shared, counts, error), qPrintable(error));
        const ReadBack original = readBack(local);
        const ReadBack copied = readBack(shared);
        QCOMPARE(QString::fromUtf8(copied.csv), QString::fromUtf8(original.csv));
        QCOMPARE(int(copied.events.size()), int(original.events.size()));
        QCOMPARE(copied.historyPoints, original.historyPoints);
        // Again: nothing is copied twice.
        QVERIFY2(StoreCopy::run(local, shared, counts, error), qPrintable(error));
        for (const StoreCopy::TableCount &c : counts)
            if (c.table == QLatin1String("order_book_snapshot") || c.table == QLatin1String("trade")
                || c.table == QLatin1String("market_event"))
                QVERIFY2(c.written == 0, qPrintable(c.table));
        for (const char *table : {"order_book_snapshot", "trade", "psychology_signal", "market_event", "asset"})
            QCOMPARE(rows(shared, table), rows(local, table));
        // And out again into a new file, through the command line.
        const QString back = dir.filePath(QStringLiteral("back.db"));
        QProcess cli;
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("db"), QStringLiteral("copy"), QStringLiteral("--from"), shared,
                                                    QStringLiteral("--to"), back});
        QVERIFY(cli.waitForFinished(60'000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QVERIFY(cli.readAllStandardOutput().contains("copied:"));
        QCOMPARE(QString::fromUtf8(readBack(back).csv), QString::fromUtf8(original.csv));
        // Bad arguments: usage and 2; a password in the URL is refused.
        for (const QStringList &args : {QStringList{QStringLiteral("db"), QStringLiteral("copy"), QStringLiteral("--from"), local},
                                        QStringList{QStringLiteral("db"), QStringLiteral("copy"), QStringLiteral("--from"), local,
                                                    QStringLiteral("--to"), QStringLiteral("postgresql://u:secret@127.0.0.1/x")},
                                        QStringList{QStringLiteral("db"), QStringLiteral("move")}}) {
            cli.start(QStringLiteral(POLYMON_CLI_PATH), args);
            QVERIFY(cli.waitForFinished(30'000));
            QCOMPARE(cli.exitCode(), 2);
            QVERIFY(!cli.readAllStandardError().contains("secret"));
        }
    }

    void aReadOnlyRoleReadsEverythingAndRecordsNothing()
    {
        POLYMON_NEED_POSTGRES(m_server);
        const QString store = m_server->createDatabase(QStringLiteral("readonly"));
        {
            StorageWriter writer(store);
            writer.start();
            record(writer);
            QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
            writer.stop();
        }
        {
            DatabaseLocation l;
            QString error;
            QVERIFY(DatabaseLocation::parse(store, l, error));
            QSqlDatabase admin = QSqlDatabase::addDatabase(l.driver(), QStringLiteral("admin"));
            l.apply(admin);
            QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
            QSqlQuery q(admin);
            for (const char *sql : {"CREATE ROLE reader LOGIN", "GRANT CONNECT ON DATABASE readonly TO reader",
                                    "GRANT USAGE ON SCHEMA public TO reader", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader"})
                QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
            admin.close();
            admin = {};
            QSqlDatabase::removeDatabase(QStringLiteral("admin"));
        }
        QString readerStore = store;
        readerStore.replace(QStringLiteral("polymon@"), QStringLiteral("reader@"));
        const ReadBack owner = readBack(store);
        const ReadBack reader = readBack(readerStore);
        QCOMPARE(reader.csvRows, 2);
        QCOMPARE(QString::fromUtf8(reader.csv), QString::fromUtf8(owner.csv));
        QCOMPARE(int(reader.events.size()), int(owner.events.size()));
        QCOMPARE(reader.historyPoints, owner.historyPoints);
        // Its recorder says plainly that nothing is recorded.
        StorageWriter writer(readerStore);
        writer.setRetryBackoff(50, 200);
        QSignalSpy failed(&writer, &StorageWriter::errorOccurred);
        writer.start();
        writer.enqueue(TradeRow{QStringLiteral("111"), kT0 + 99, 480'000, 1'000'000, Side::Buy});
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 10'000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("read-only for this role: nothing is recorded")),
                 qPrintable(failed.first().first().toString()));
        writer.stop();
    }

    void aRecorderKilledMidWriteLosesAtMostItsLastBatch()
    {
        POLYMON_NEED_POSTGRES(m_server);
        const QString store = m_server->createDatabase(QStringLiteral("killed"));
        auto count = [&store](const char *sql) {
            ReadOnlyConnection c(store);
            QString error;
            if (!c.open(error))
                return qint64(-1);
            QSqlQuery q(c.db());
            return q.exec(QLatin1String(sql)) && q.next() ? q.value(0).toLongLong() : qint64(-1);
        };
        QProcess recorder;
        recorder.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--json"),
                                                         QStringLiteral("--db"), store, QStringLiteral("--duration"),
                                                         QStringLiteral("60")});
        QVERIFY(recorder.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(count("SELECT count(*) FROM order_book_snapshot") > 20, 30'000);
        recorder.kill(); // kill -9, mid-batch
        QVERIFY(recorder.waitForFinished(5000));
        // What was committed is whole (a transaction a batch): every snapshot
        // has its row complete, and the store takes the next recorder's rows.
        const qint64 before = count("SELECT count(*) FROM order_book_snapshot");
        QVERIFY(before > 20);
        QCOMPARE(count("SELECT count(*) FROM order_book_snapshot WHERE bids IS NULL OR asks IS NULL OR ts IS NULL"), qint64(0));
        StorageWriter next(store);
        next.start();
        record(next);
        QVERIFY2(next.waitUntilWritten(20'000), qPrintable(next.stats().lastError));
        next.stop();
        QCOMPARE(count("SELECT count(*) FROM order_book_snapshot"), before + 60);
    }

    void theCoverageLedgerSaysWhereNobodyRecorded()
    {
        POLYMON_NEED_POSTGRES(m_server);
        QTemporaryDir dir;
        for (const QString &store : {dir.filePath(QStringLiteral("ledger.db")), m_server->createDatabase(QStringLiteral("ledger"))}) {
            StorageWriter writer(store);
            writer.start();
            // Two machines: A holds "111" for 0-100 s and 400-500 s, B for 80-200 s.
            writer.enqueue(SpanRow{QStringLiteral("a1"), kT0, kT0 + 100'000, QStringLiteral("machine-a")});
            writer.enqueue(SpanRow{QStringLiteral("b1"), kT0 + 80'000, kT0 + 200'000, QStringLiteral("machine-b")});
            writer.enqueue(SpanRow{QStringLiteral("a2"), kT0 + 400'000, kT0 + 500'000, QStringLiteral("machine-a")});
            writer.enqueue(CoverageRow{QStringLiteral("a1"), QStringLiteral("111"), kT0, kT0 + 50'000});
            writer.enqueue(CoverageRow{QStringLiteral("a1"), QStringLiteral("111"), kT0, kT0 + 100'000}); // extended
            writer.enqueue(CoverageRow{QStringLiteral("b1"), QStringLiteral("111"), kT0 + 80'000, kT0 + 200'000});
            writer.enqueue(CoverageRow{QStringLiteral("a2"), QStringLiteral("111"), kT0 + 400'000, kT0 + 500'000});
            writer.enqueue(CoverageRow{QStringLiteral("a2"), QStringLiteral("111"), kT0 + 502'000, kT0 + 510'000}); // a 2-s desync
            QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
            writer.stop();
            CoverageReader::Result r;
            QString error;
            QVERIFY2(CoverageReader::read(store, {QStringLiteral("111"), QStringLiteral("222")}, kT0, kT0 + 600'000, r, error),
                     qPrintable(error));
            QVERIFY(r.ledgerKept);
            QCOMPARE(r.gaps.size(), 3);
            QCOMPARE(r.gaps[0].assetId, QStringLiteral("111"));
            QCOMPARE(r.gaps[0].fromMs, kT0 + 200'000); // nobody between B's end and A's return
            QCOMPARE(r.gaps[0].toMs, kT0 + 400'000);
            QCOMPARE(r.gaps[1].fromMs, kT0 + 510'000); // the 2-s desync is too short to report
            QCOMPARE(r.gaps[1].toMs, kT0 + 600'000);
            QCOMPARE(r.gaps[2].assetId, QStringLiteral("222")); // never recorded
            QCOMPARE(r.gaps[2].toMs - r.gaps[2].fromMs, qint64(600'000));
            QCOMPARE(r.recorders, QStringList({QStringLiteral("machine-a"), QStringLiteral("machine-b")}));
        }
    }

    void aRecorderKeepsItsLedger()
    {
        POLYMON_NEED_POSTGRES(m_server);
        const QString store = m_server->createDatabase(QStringLiteral("ledgerlive"));
        // Two recorders at once on one new store (each its own simulator, the
        // same token ids): `record` headless with retention, and `monitor`.
        QProcess recorders[2];
        recorders[0].start(QStringLiteral(POLYMON_CLI_PATH),
                           {QStringLiteral("record"), QStringLiteral("--sim"), QStringLiteral("--db"), store,
                            QStringLiteral("--retention-days"), QStringLiteral("30"), QStringLiteral("--duration"), QStringLiteral("4")});
        recorders[1].start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("monitor"), QStringLiteral("--sim"), QStringLiteral("--json"),
                                                              QStringLiteral("--db"), store, QStringLiteral("--duration"),
                                                              QStringLiteral("4")});
        for (QProcess &recorder : recorders) {
            QVERIFY(recorder.waitForFinished(60'000));
            const QByteArray err = recorder.readAllStandardError();
            QCOMPARE(recorder.exitCode(), 0);
            QVERIFY2(!err.contains("storage error") && err.contains("storage: "), err.constData());
            QVERIFY2(err.contains(", 0 dropped, 0 queued\n"), err.constData());
        }
        ReadOnlyConnection c(store);
        QString error;
        QVERIFY2(c.open(error), qPrintable(error));
        QSqlQuery q(c.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(DISTINCT asset_id), max(to_ms - from_ms), count(DISTINCT session_id) FROM coverage"))
                && q.next());
        QVERIFY(q.value(0).toInt() >= 2);        // each followed asset has its stretch
        QVERIFY(q.value(1).toLongLong() >= 2000); // held in sync for seconds, to the last heartbeat
        QCOMPARE(q.value(2).toInt(), 2);          // by each recorder
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT (asset_id, ts)) FROM order_book_snapshot")) && q.next());
        QVERIFY(q.value(0).toInt() > 10);
        QCOMPARE(q.value(0).toInt(), q.value(1).toInt()); // no snapshot twice
        QVERIFY(q.exec(QStringLiteral("SELECT DISTINCT host FROM recording_span")) && q.next());
        QCOMPARE(q.value(0).toString(), QSysInfo::machineHostName());
        // The command line names the recorder and the gaps of the past day (before this run: all of it).
        QProcess cli;
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("db"), QStringLiteral("coverage"), QStringLiteral("--db"), store});
        QVERIFY(cli.waitForFinished(30'000));
        QCOMPARE(cli.exitCode(), 0);
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("recorders: ") + QSysInfo::machineHostName()), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("gap(s) over")), qPrintable(out));
    }

    void aReplayOverAGapSaysSoOnBothEngines_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    // Token 111 was recorded by machine A for a minute, then nobody held it
    // for two, then machine B; 222 was held throughout; 333's ledger ends
    // early but its snapshots go on (a writer that keeps no ledger): no gap.
    void aReplayOverAGapSaysSoOnBothEngines()
    {
        QFETCH(bool, postgres);
        if (postgres)
            POLYMON_NEED_POSTGRES(m_server);
        QTemporaryDir dir;
        const QString store = postgres ? m_server->createDatabase(QStringLiteral("gaps")) : dir.filePath(QStringLiteral("gaps.db"));
        {
            StorageWriter writer(store);
            writer.start();
            writer.enqueue(MarketRow{QStringLiteral("0xm"), QStringLiteral("Will it snow?"), QStringLiteral("snow"), QString(),
                                     {QStringLiteral("111"), QStringLiteral("222")}, {QStringLiteral("Yes"), QStringLiteral("No")}});
            BookMetrics m;
            m.hasBid = m.hasAsk = true;
            m.bestBid = 480'000;
            m.bestAsk = 500'000;
            for (qint64 s = 0; s < 240; ++s) {
                const qint64 ts = kT0 + s * 1'000;
                if (s < 60 || s >= 180)
                    writer.enqueue(SnapshotRow{QStringLiteral("111"), ts, m, "[[\"0.48\",\"10\"]]", "[[\"0.5\",\"10\"]]", 10'000});
                writer.enqueue(SnapshotRow{QStringLiteral("222"), ts, m, "[[\"0.48\",\"10\"]]", "[[\"0.5\",\"10\"]]", 10'000});
                writer.enqueue(SnapshotRow{QStringLiteral("333"), ts, m, "[[\"0.48\",\"10\"]]", "[[\"0.5\",\"10\"]]", 10'000});
            }
            writer.enqueue(SpanRow{QStringLiteral("a"), kT0, kT0 + 240'000, QStringLiteral("machine-a")});
            writer.enqueue(SpanRow{QStringLiteral("b"), kT0 + 180'000, kT0 + 240'000, QStringLiteral("machine-b")});
            writer.enqueue(CoverageRow{QStringLiteral("a"), QStringLiteral("111"), kT0, kT0 + 60'000});
            writer.enqueue(CoverageRow{QStringLiteral("b"), QStringLiteral("111"), kT0 + 180'000, kT0 + 240'000});
            writer.enqueue(CoverageRow{QStringLiteral("a"), QStringLiteral("222"), kT0, kT0 + 240'000});
            writer.enqueue(CoverageRow{QStringLiteral("a"), QStringLiteral("333"), kT0, kT0 + 30'000});
            QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
            writer.stop();
        }
        const QString capture = dir.filePath(QStringLiteral("db-range-gaps.pmcap"));
        RangeCapture::Summary summary;
        QString error;
        QVERIFY2(RangeCapture::write(store, RangeCapture::Range{kT0, kT0 + 240'000, {}}, capture, summary, error),
                 qPrintable(error));
        QVERIFY(summary.ledgerKept);
        QCOMPARE(summary.gaps.gaps, 1);
        QCOMPARE(summary.gaps.longestMs, qint64(120'000));
        QCOMPARE(summary.gaps.longestFromMs, kT0 + 60'000);
        // Played in the desktop's player: 111's book is dropped where the gap begins, and only then.
        CapturePlayer player;
        QVERIFY2(player.open(capture, error), qPrintable(error));
        QCOMPARE(player.coverageGaps().size(), 1);
        QList<QPair<qint64, QStringList>> dropped;
        connect(&player, &FrameSource::assetsInvalidated, this,
                [&](int, const QStringList &assets) { dropped.append({player.positionNs() / 1'000'000, assets}); });
        while (player.step()) {
        }
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.front().second, QStringList{QStringLiteral("111")});
        QCOMPARE(dropped.front().first, kT0 + 60'000);
        // The command line's replay and backtest say so.
        for (const QStringList &args : {QStringList{QStringLiteral("replay"), capture, QStringLiteral("--emit"), QStringLiteral("none")},
                                        QStringList{QStringLiteral("backtest"), QStringLiteral("--capture"), capture}}) {
            QProcess cli;
            cli.start(QStringLiteral(POLYMON_CLI_PATH), args);
            QVERIFY(cli.waitForFinished(60'000));
            QCOMPARE(cli.exitCode(), 0);
            const QByteArray said = cli.readAllStandardOutput() + cli.readAllStandardError();
            QVERIFY2(said.contains("coverage: 1 stretch when no recorder held a book (2 min in all"), said.constData());
        }
    }

    // Rows on days today, yesterday and five days ago, through the writer.
    static void recordDays(StorageWriter &writer, qint64 now)
    {
        for (const int daysAgo : {0, 1, 5}) {
            const qint64 ts = now - daysAgo * DayPartitions::kDayMs;
            BookMetrics m;
            m.hasBid = m.hasAsk = true;
            m.bestBid = 480'000;
            m.bestAsk = 500'000;
            for (int i = 0; i < 3; ++i)
                writer.enqueue(SnapshotRow{QStringLiteral("111"), ts - i * 1'000, m, "[]", "[]", 10'000});
            writer.enqueue(TradeRow{QStringLiteral("111"), ts, 480'000, 1'000'000, Side::Buy});
        }
    }

    static int count(const QString &store, const QString &sql)
    {
        ReadOnlyConnection read(store);
        QString error;
        if (!read.open(error))
            return -1;
        QSqlQuery q(read.db());
        return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
    }

    void retentionRemovesWholeOldDaysOnBothEngines_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    void retentionRemovesWholeOldDaysOnBothEngines()
    {
        QFETCH(bool, postgres);
        if (postgres)
            POLYMON_NEED_POSTGRES(m_server);
        QTemporaryDir dir;
        const QString store = postgres ? m_server->createDatabase(QStringLiteral("retention"))
                                       : dir.filePath(QStringLiteral("retention.db"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            StorageWriter writer(store);
            writer.start();
            recordDays(writer, now);
            QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
            writer.stop();
            QCOMPARE(writer.stats().expired, 0); // no retention set: everything stays
        }
        QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM order_book_snapshot")), 9);
        if (postgres) {
            // A table per day: the three recorded days and tomorrow's, made ahead.
            const QString tables = QStringLiteral("SELECT count(*) FROM pg_inherits WHERE inhparent = '%1'::regclass");
            QVERIFY(count(store, tables.arg(QStringLiteral("order_book_snapshot"))) >= 4);
            QVERIFY(count(store, tables.arg(QStringLiteral("trade"))) >= 4);
        }
        // Keep three days: the fifth day back goes, whole; today and yesterday stay.
        StorageWriter writer(store);
        writer.setRetentionDays(3);
        writer.start();
        QTRY_VERIFY_WITH_TIMEOUT(writer.stats().expired > 0, 20'000);
        writer.stop();
        QCOMPARE(writer.stats().expired, postgres ? 2 : 4); // a day table each, or 3 snapshots and a trade
        QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM order_book_snapshot")), 6);
        QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM trade")), 2);
        QCOMPARE(count(store, QStringLiteral("SELECT min(ts) FROM trade")) > 0, true);
        QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM trade WHERE ts < %1").arg(now - 2 * DayPartitions::kDayMs)), 0);
        // Signals and the rest are never expired; a store kept for ever keeps all.
        if (postgres)
            QCOMPARE(count(store, QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = 'trade_%1'")
                                      .arg(QDateTime::fromMSecsSinceEpoch(now - 5 * DayPartitions::kDayMs, Qt::UTC)
                                               .toString(QStringLiteral("yyyyMMdd")))),
                     0);
    }

    void aPostgresStoreOfSchema9IsPartitionedKeepingItsRows()
    {
        POLYMON_NEED_POSTGRES(m_server);
        DatabaseLocation l;
        QString error;
        QVERIFY2(DatabaseLocation::parse(m_server->createDatabase(QStringLiteral("v9")), l, error), qPrintable(error));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(l.driver(), QStringLiteral("v9"));
            l.apply(db);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QVERIFY2(Schema::migrate(db, error, 9), qPrintable(error));
            QSqlQuery q(db);
            // Two days of rows, as a store of the previous release holds them.
            for (int i = 0; i < 4; ++i) {
                const qint64 ts = kT0 + i * DayPartitions::kDayMs / 2;
                QVERIFY2(q.exec(QStringLiteral("INSERT INTO order_book_snapshot (asset_id, ts, bid_depth, ask_depth, "
                                               "band_bid_depth, band_ask_depth, bids, asks, tick) VALUES ('111', %1, 1, 2, 3, 4, "
                                               "'[]', '[]', 10000)")
                                    .arg(ts)),
                         qPrintable(q.lastError().text()));
                QVERIFY(q.exec(QStringLiteral("INSERT INTO trade (asset_id, ts, price, size, side) VALUES ('111', %1, 5, 6, 'BUY')")
                                   .arg(ts)));
            }
            QVERIFY(q.exec(QStringLiteral("SELECT max(id) FROM trade")) && q.next());
            const qint64 lastId = q.value(0).toLongLong();
            QVERIFY2(Schema::migrate(db, error), qPrintable(error));
            QCOMPARE(Schema::version(db), Schema::kVersion);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT tableoid) FROM order_book_snapshot")) && q.next());
            QCOMPARE(q.value(0).toInt(), 4);
            QCOMPARE(q.value(1).toInt(), 2); // two day tables
            QVERIFY(q.exec(QStringLiteral("SELECT count(*), max(id) FROM trade")) && q.next());
            QCOMPARE(q.value(0).toInt(), 4);
            QCOMPARE(q.value(1).toLongLong(), lastId); // ids kept
            // New rows continue the ids and keep the unique keys.
            QVERIFY(q.exec(QStringLiteral("INSERT INTO trade (asset_id, ts, price, size, side) VALUES ('111', %1, 5, 7, 'BUY') "
                                          "RETURNING id")
                               .arg(kT0)));
            QVERIFY(q.next());
            QVERIFY(q.value(0).toLongLong() > lastId);
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO trade (asset_id, ts, price, size, side) VALUES ('111', %1, 5, 6, 'BUY')")
                                .arg(kT0)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v9"));
    }

    void theSchemaMigratesOnPostgres()
    {
        POLYMON_NEED_POSTGRES(m_server);
        DatabaseLocation l;
        QString error;
        QVERIFY2(DatabaseLocation::parse(m_server->createDatabase(QStringLiteral("schema")), l, error), qPrintable(error));
        QSqlDatabase db = QSqlDatabase::addDatabase(l.driver(), QStringLiteral("pg"));
        l.apply(db);
        checkSchema(db);
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("pg"));
    }
};

QTEST_GUILESS_MAIN(TstPostgres)
#include "tst_postgres.moc"
