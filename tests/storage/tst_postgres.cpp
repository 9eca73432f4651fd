// The shared store's first layer: where the store is (a path or a
// postgresql:// URL, never with a password), and one schema migrated on
// SQLite and on a real PostgreSQL server the test starts for itself.
#include "pgtestserver.h"
#include "storage/databaselocation.h"
#include "storage/schema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace polymon;

namespace {

const QStringList kTables{QStringLiteral("market"),        QStringLiteral("asset"),
                          QStringLiteral("order_book_snapshot"), QStringLiteral("psychology_signal"),
                          QStringLiteral("trade"),         QStringLiteral("recording_span"),
                          QStringLiteral("trading_order"), QStringLiteral("trading_fill"),
                          QStringLiteral("trading_position"), QStringLiteral("market_event")};

} // namespace

class TstPostgres : public QObject
{
    Q_OBJECT

    // The test's own server: started once, stopped at the end.
    PgTestServer *m_server = nullptr;

    void needServer()
    {
        if (m_server->available())
            return;
        if (qEnvironmentVariableIntValue("POLYMON_REQUIRE_POSTGRES") == 1)
            QFAIL(qPrintable(QStringLiteral("PostgreSQL is required here: %1").arg(m_server->reason())));
        QSKIP(qPrintable(QStringLiteral("no PostgreSQL server: %1").arg(m_server->reason())));
    }

    // Migrates a fresh database and checks what a user of either engine relies on.
    void checkSchema(QSqlDatabase &db)
    {
        QString error;
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QVERIFY2(Schema::configure(db, error), qPrintable(error));
        QCOMPARE(Schema::version(db), 0);
        QVERIFY2(Schema::migrate(db, error), qPrintable(error));
        QCOMPARE(Schema::version(db), Schema::kVersion);
        const QStringList tables = db.tables();
        for (const QString &t : kTables)
            QVERIFY2(tables.contains(t), qPrintable(t));
        QVERIFY2(Schema::migrate(db, error), qPrintable(error)); // again: nothing to do
        QCOMPARE(Schema::version(db), Schema::kVersion);
        // Row ids come by themselves; times in ms and millionths fit (64 bits).
        QSqlQuery q(db);
        for (int i = 0; i < 2; ++i)
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO trade (asset_id, ts, price, size, side) VALUES "
                                           "('a', 1764400000000, 500000, 9000000000000, 'BUY')")),
                     qPrintable(q.lastError().text()));
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

    void theSchemaMigratesOnPostgres()
    {
        needServer();
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
