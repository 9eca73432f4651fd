#include "schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace polymon {

namespace {

// Migration n brings version n-1 to n. Never edit a shipped step: add one.
// A step marked "@pg " runs on PostgreSQL only, in its own words as written.
const char *const kMigrations[][20] = {
    // 1: the seed's tables
    {
        "CREATE TABLE market (condition_id TEXT PRIMARY KEY, question TEXT NOT NULL DEFAULT '', slug TEXT, "
        "end_date TEXT, updated_ms INTEGER)",
        "CREATE TABLE asset (asset_id TEXT PRIMARY KEY, condition_id TEXT, outcome TEXT)",
        "CREATE TABLE order_book_snapshot (id INTEGER PRIMARY KEY, asset_id TEXT NOT NULL, ts INTEGER NOT NULL, "
        "best_bid INTEGER, best_ask INTEGER, spread INTEGER, mid INTEGER, bid_depth INTEGER NOT NULL, "
        "ask_depth INTEGER NOT NULL, band_bid_depth INTEGER NOT NULL, band_ask_depth INTEGER NOT NULL, "
        "imbalance REAL, bids TEXT NOT NULL, asks TEXT NOT NULL)",
        "CREATE INDEX snapshot_asset_ts ON order_book_snapshot (asset_id, ts)",
        "CREATE TABLE psychology_signal (id INTEGER PRIMARY KEY, signal_type TEXT NOT NULL, asset_id TEXT NOT NULL, "
        "market TEXT, ts INTEGER NOT NULL, side TEXT NOT NULL, score INTEGER NOT NULL, depth_ratio REAL, "
        "spread_ratio REAL, imbalance REAL, price_change INTEGER, expected_reversion INTEGER, best_bid INTEGER, "
        "best_ask INTEGER, mid INTEGER, description TEXT, resolved INTEGER NOT NULL DEFAULT 0, reverted INTEGER, "
        "reversion_time REAL, max_profit INTEGER)",
        "CREATE TABLE trade (id INTEGER PRIMARY KEY, asset_id TEXT NOT NULL, ts INTEGER NOT NULL, "
        "price INTEGER NOT NULL, size INTEGER NOT NULL, side TEXT NOT NULL)",
        nullptr,
    },
    // 2: adverse excursion, session-independent signal keys, lookup indexes
    {
        "ALTER TABLE psychology_signal ADD COLUMN max_adverse INTEGER",
        "ALTER TABLE psychology_signal ADD COLUMN signal_key TEXT",
        "CREATE UNIQUE INDEX signal_key_unique ON psychology_signal (signal_key)",
        "CREATE INDEX signal_ts ON psychology_signal (ts)",
        "CREATE INDEX trade_asset_ts ON trade (asset_id, ts)",
        nullptr,
    },
    // 3: each snapshot keeps its asset's tick (spreads in ticks on 0.001
    // markets); an outcome says whether the record let it be tracked; spans
    // of time when something was recording
    {
        "ALTER TABLE order_book_snapshot ADD COLUMN tick INTEGER",
        "ALTER TABLE psychology_signal ADD COLUMN tracked INTEGER NOT NULL DEFAULT 1",
        "CREATE INDEX signal_open ON psychology_signal (resolved, ts)",
        // When a recorder was running (a heartbeat every few seconds): the gaps
        // between spans are times nothing was recorded.
        "CREATE TABLE recording_span (session_id TEXT PRIMARY KEY, started_ms INTEGER NOT NULL, "
        "last_ms INTEGER NOT NULL)",
        nullptr,
    },
    // 4: paper trading (and, later, live): orders as they stand, every fill,
    // positions as the fills left them; `account` keeps paper and live apart
    {
        "CREATE TABLE trading_order (account TEXT NOT NULL, id INTEGER NOT NULL, asset_id TEXT NOT NULL, "
        "side TEXT NOT NULL, order_type TEXT NOT NULL, price INTEGER NOT NULL, size INTEGER NOT NULL, "
        "filled INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT, post_only INTEGER NOT NULL DEFAULT 0, "
        "expires_ms INTEGER, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, queue_ahead INTEGER, "
        "PRIMARY KEY (account, id))",
        "CREATE INDEX trading_order_status ON trading_order (account, status)",
        "CREATE TABLE trading_fill (id INTEGER PRIMARY KEY, account TEXT NOT NULL, order_id INTEGER NOT NULL, "
        "asset_id TEXT NOT NULL, ts INTEGER NOT NULL, side TEXT NOT NULL, price INTEGER NOT NULL, "
        "size INTEGER NOT NULL, fee INTEGER NOT NULL, notional INTEGER NOT NULL, maker INTEGER NOT NULL)",
        "CREATE INDEX trading_fill_ts ON trading_fill (account, ts)",
        "CREATE TABLE trading_position (account TEXT NOT NULL, asset_id TEXT NOT NULL, size INTEGER NOT NULL, "
        "cost INTEGER NOT NULL, realized INTEGER NOT NULL, fees INTEGER NOT NULL, bought INTEGER NOT NULL, "
        "sold INTEGER NOT NULL, updated_ms INTEGER NOT NULL, PRIMARY KEY (account, asset_id))",
        nullptr,
    },
    // 5: events on the market's clock (the sports channel, a user's file):
    // the same event twice is kept once
    {
        "CREATE TABLE market_event (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, type TEXT NOT NULL, "
        "market TEXT NOT NULL DEFAULT '', asset_id TEXT NOT NULL DEFAULT '', slug TEXT NOT NULL DEFAULT '', "
        "text TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', "
        "UNIQUE (ts, type, market, asset_id, slug, text))",
        "CREATE INDEX market_event_ts ON market_event (ts)",
        nullptr,
    },
    // 6: a snapshot or a trade recorded twice (two recorders on one asset, a
    // copy run again) is kept once
    {
        "DELETE FROM order_book_snapshot WHERE id NOT IN (SELECT min(id) FROM order_book_snapshot GROUP BY asset_id, ts)",
        "CREATE UNIQUE INDEX snapshot_asset_ts_unique ON order_book_snapshot (asset_id, ts)",
        "DROP INDEX snapshot_asset_ts",
        "DELETE FROM trade WHERE id NOT IN (SELECT min(id) FROM trade GROUP BY asset_id, ts, price, size, side)",
        "CREATE UNIQUE INDEX trade_unique ON trade (asset_id, ts, price, size, side)",
        "DROP INDEX trade_asset_ts",
        nullptr,
    },
    // 7: a fill copied twice is kept once (copies between stores are idempotent)
    {
        "DELETE FROM trading_fill WHERE id NOT IN (SELECT min(id) FROM trading_fill "
        "GROUP BY account, order_id, ts, side, price, size)",
        "CREATE UNIQUE INDEX trading_fill_unique ON trading_fill (account, order_id, ts, side, price, size)",
        nullptr,
    },
    // 8: a token's place among its market's outcomes (YES first), which
    // PostgreSQL, having no rowid, cannot read from the insertion order
    {
        "ALTER TABLE asset ADD COLUMN token_index INTEGER",
        nullptr,
    },
    // 9: many recorders on one store: each session names its machine, and a
    // coverage ledger says which session held which asset's book over which
    // stretch (the gaps between stretches are times nobody recorded it)
    {
        "ALTER TABLE recording_span ADD COLUMN host TEXT",
        "CREATE TABLE coverage (session_id TEXT NOT NULL, asset_id TEXT NOT NULL, from_ms INTEGER NOT NULL, "
        "to_ms INTEGER NOT NULL, PRIMARY KEY (session_id, asset_id, from_ms))",
        "CREATE INDEX coverage_asset ON coverage (asset_id, from_ms)",
        nullptr,
    },
    // 10: PostgreSQL keeps snapshots and trades in a table per day (UTC), so
    // that retention drops whole days (DayPartitions); both engines get an
    // index on time for retention and database-range replays
    {
        "@pg ALTER TABLE order_book_snapshot RENAME TO order_book_snapshot_v9",
        "@pg ALTER TABLE trade RENAME TO trade_v9",
        "@pg CREATE TABLE order_book_snapshot (id BIGINT GENERATED BY DEFAULT AS IDENTITY, asset_id TEXT NOT NULL, "
        "ts BIGINT NOT NULL, best_bid BIGINT, best_ask BIGINT, spread BIGINT, mid BIGINT, bid_depth BIGINT NOT NULL, "
        "ask_depth BIGINT NOT NULL, band_bid_depth BIGINT NOT NULL, band_ask_depth BIGINT NOT NULL, "
        "imbalance DOUBLE PRECISION, bids TEXT NOT NULL, asks TEXT NOT NULL, tick BIGINT) PARTITION BY RANGE (ts)",
        "@pg CREATE TABLE trade (id BIGINT GENERATED BY DEFAULT AS IDENTITY, asset_id TEXT NOT NULL, ts BIGINT NOT NULL, "
        "price BIGINT NOT NULL, size BIGINT NOT NULL, side TEXT NOT NULL) PARTITION BY RANGE (ts)",
        // A day's table, made once however many recorders ask at the same time.
        "@pg CREATE FUNCTION polymon_day_partition(parent TEXT, day BIGINT) RETURNS VOID LANGUAGE plpgsql AS $$ "
        "DECLARE part TEXT := parent || '_' || to_char(to_timestamp(day * 86400) AT TIME ZONE 'UTC', 'YYYYMMDD'); "
        "BEGIN PERFORM pg_advisory_xact_lock(hashtext(part)); "
        "IF to_regclass(part) IS NULL THEN EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)', "
        "part, parent, day * 86400000, (day + 1) * 86400000); END IF; END $$",
        // Drops the day tables before `day`; answers how many went.
        "@pg CREATE FUNCTION polymon_drop_days_before(parent TEXT, day BIGINT) RETURNS INTEGER LANGUAGE plpgsql AS $$ "
        "DECLARE r RECORD; n INTEGER := 0; "
        "BEGIN FOR r IN SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = parent::regclass AND c.relname::text ~ ('^' || parent || '_[0-9]{8}$') "
        "AND c.relname::text < parent || '_' || to_char(to_timestamp(day * 86400) AT TIME ZONE 'UTC', 'YYYYMMDD') "
        "ORDER BY 1 LOOP EXECUTE format('DROP TABLE %I', r.name); n := n + 1; END LOOP; RETURN n; END $$",
        "@pg SELECT polymon_day_partition(t, d) FROM (SELECT DISTINCT floor(ts / 86400000.0)::BIGINT AS d FROM "
        "(SELECT ts FROM order_book_snapshot_v9 UNION SELECT ts FROM trade_v9) x) days, "
        "(VALUES ('order_book_snapshot'), ('trade')) tables(t)",
        "@pg INSERT INTO order_book_snapshot SELECT * FROM order_book_snapshot_v9 ORDER BY id",
        "@pg INSERT INTO trade SELECT * FROM trade_v9 ORDER BY id",
        "@pg SELECT setval(pg_get_serial_sequence('order_book_snapshot', 'id'), "
        "(SELECT coalesce(max(id), 0) + 1 FROM order_book_snapshot), false)",
        "@pg SELECT setval(pg_get_serial_sequence('trade', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM trade), false)",
        "@pg DROP TABLE order_book_snapshot_v9",
        "@pg DROP TABLE trade_v9",
        "@pg CREATE UNIQUE INDEX snapshot_asset_ts_unique ON order_book_snapshot (asset_id, ts)",
        "@pg CREATE UNIQUE INDEX trade_unique ON trade (asset_id, ts, price, size, side)",
        "CREATE INDEX snapshot_ts ON order_book_snapshot (ts)",
        "CREATE INDEX trade_ts ON trade (ts)",
        nullptr,
    },
};

// PostgreSQL's advisory lock key for migrations (any constant of our own).
constexpr qint64 kMigrationLock = 0x706f6c796d6f6e; // "polymon"

} // namespace

bool Schema::isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

QString Schema::forPostgres(const QString &sqliteSql)
{
    // The same tables in PostgreSQL's words: 64-bit integers (times in ms
    // and millionths outgrow 32 bits), an identity for SQLite's rowid keys,
    // double precision for REAL.
    QString sql = sqliteSql;
    sql.replace(QLatin1String("INTEGER PRIMARY KEY"), QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    sql.replace(QLatin1String(" INTEGER"), QLatin1String(" BIGINT"));
    sql.replace(QLatin1String(" REAL"), QLatin1String(" DOUBLE PRECISION"));
    return sql;
}

int Schema::version(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (isPostgres(db)) {
        // PostgreSQL has no user_version: a one-row table holds it (none yet: 0).
        // Read without writing, so a read-only role can ask.
        // pg_tables, not to_regclass: a plain query sees a table another
        // recorder's migration has just committed (the catalog cache may not yet).
        if (!q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'polymon_schema' "
                                   "AND schemaname = current_schema())"))
            || !q.next())
            return -1;
        if (!q.value(0).toBool())
            return 0;
        if (!q.exec(QStringLiteral("SELECT version FROM polymon_schema")))
            return -1;
        return q.next() ? q.value(0).toInt() : 0;
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool Schema::configure(QSqlDatabase &db, QString &error)
{
    if (isPostgres(db))
        return true; // the server's own settings
    QSqlQuery q(db);
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=2000",
                               "PRAGMA foreign_keys=ON"}) {
        if (!q.exec(QLatin1String(pragma))) {
            error = QStringLiteral("%1: %2").arg(QLatin1String(pragma), q.lastError().text());
            return false;
        }
    }
    return true;
}

bool Schema::migrate(QSqlDatabase &db, QString &error, int target)
{
    const int current = version(db);
    if (current < 0) {
        error = QStringLiteral("cannot read the schema version: %1").arg(db.lastError().text());
        return false;
    }
    if (current > kVersion) {
        error = QStringLiteral("the database has schema %1, newer than this polymon (%2)").arg(current).arg(kVersion);
        return false;
    }
    for (int v = current + 1; v <= target; ++v) {
        if (!db.transaction()) {
            error = QStringLiteral("cannot start migration %1: %2").arg(v).arg(db.lastError().text());
            return false;
        }
        QSqlQuery q(db);
        if (isPostgres(db)) {
            // Recorders meeting a new store together: one migrates, the others
            // wait for it here and then find the step done.
            bool ok = q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLock));
            const int now = ok ? version(db) : -1;
            if (now >= v) {
                db.commit();
                continue;
            }
            ok = ok && (now > 0 || q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS polymon_schema (version INTEGER NOT NULL)")));
            if (!ok) {
                error = QStringLiteral("migration %1 failed: %2").arg(v).arg(q.lastError().text());
                db.rollback();
                return false;
            }
        }
        for (const char *const *sql = kMigrations[v - 1]; *sql; ++sql) {
            const QLatin1String step(*sql);
            const bool postgresOnly = step.startsWith(QLatin1String("@pg "));
            if (postgresOnly && !isPostgres(db))
                continue;
            const QString statement = postgresOnly ? QString(step.mid(4)) : isPostgres(db) ? forPostgres(step) : QString(step);
            if (!q.exec(statement)) {
                error = QStringLiteral("migration %1 failed: %2").arg(v).arg(q.lastError().text());
                db.rollback();
                return false;
            }
        }
        const bool versioned = isPostgres(db) ? q.exec(QStringLiteral("DELETE FROM polymon_schema"))
                                                    && q.exec(QStringLiteral("INSERT INTO polymon_schema VALUES (%1)").arg(v))
                                              : q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v));
        if (!versioned || !db.commit()) {
            error = QStringLiteral("migration %1 failed: %2").arg(v).arg(db.lastError().text());
            db.rollback();
            return false;
        }
    }
    return true;
}

} // namespace polymon
