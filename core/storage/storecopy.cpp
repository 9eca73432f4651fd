#include "storecopy.h"

#include "databaselocation.h"
#include "daypartitions.h"
#include "multirowinsert.h"
#include "readonlyconnection.h"
#include "schema.h"
#include "upserts.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace polymon {

namespace {

struct TableCopy
{
    const char *table;
    const char *columns;   // all but the row id
    const char *onConflict;
};

// Parents first; each table's own conflict rule (see StoreCopy), the
// writer's where it has one.
const TableCopy kTables[] = {
    {"market", "condition_id, question, slug, end_date, updated_ms", Upserts::kMarket},
    {"asset", "asset_id, condition_id, outcome, token_index", Upserts::kAsset},
    {"order_book_snapshot",
     "asset_id, ts, best_bid, best_ask, spread, mid, bid_depth, ask_depth, band_bid_depth, band_ask_depth, imbalance, "
     "bids, asks, tick",
     Upserts::kKeepFirst},
    {"trade", "asset_id, ts, price, size, side", Upserts::kKeepFirst},
    // The writer records a signal, then its outcome by key; a copy brings the outcome along.
    {"psychology_signal",
     "signal_key, signal_type, asset_id, market, ts, side, score, depth_ratio, spread_ratio, imbalance, price_change, "
     "expected_reversion, best_bid, best_ask, mid, description, resolved, reverted, reversion_time, max_profit, "
     "max_adverse, tracked",
     "ON CONFLICT (signal_key) DO UPDATE SET resolved=excluded.resolved, reverted=excluded.reverted, "
     "reversion_time=excluded.reversion_time, max_profit=excluded.max_profit, max_adverse=excluded.max_adverse, "
     "tracked=excluded.tracked"},
    {"recording_span", "session_id, started_ms, last_ms, host", Upserts::kSpan},
    {"coverage", "session_id, asset_id, from_ms, to_ms", Upserts::kCoverage},
    {"trading_order",
     "account, id, asset_id, side, order_type, price, size, filled, status, reason, post_only, expires_ms, created_ms, "
     "updated_ms, queue_ahead",
     Upserts::kOrder},
    {"trading_fill", "account, order_id, asset_id, ts, side, price, size, fee, notional, maker", Upserts::kKeepFirst},
    {"trading_position", "account, asset_id, size, cost, realized, fees, bought, sold, updated_ms", Upserts::kPosition},
    {"market_event", "ts, type, market, asset_id, slug, text, source", Upserts::kKeepFirst},
};

constexpr int kRowsPerTransaction = 5000;

// The destination: writable, at the latest schema.
class Destination
{
public:
    explicit Destination(const QString &to)
        : m_name(QStringLiteral("polymon-copy-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QString error;
        if (!DatabaseLocation::parse(to, m_location, m_error))
            return;
        m_db = QSqlDatabase::addDatabase(m_location.driver(), m_name);
        m_location.apply(m_db);
    }
    ~Destination()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool open(QString &error)
    {
        if (!m_error.isEmpty()) {
            error = m_error;
            return false;
        }
        if (!m_db.open()) {
            error = QStringLiteral("cannot open %1: %2").arg(m_location.display(), m_db.lastError().text());
            return false;
        }
        QString why;
        if (!Schema::configure(m_db, why) || !Schema::migrate(m_db, why)) {
            error = QStringLiteral("cannot use %1: %2").arg(m_location.display(), why);
            return false;
        }
        return true;
    }
    QSqlDatabase &db() { return m_db; }
    // PostgreSQL's day tables for the days a source table holds (see DayPartitions).
    bool makeDays(QSqlDatabase &source, const QString &table, QString &error)
    {
        if (table != QLatin1String("order_book_snapshot") && table != QLatin1String("trade"))
            return true;
        QSqlQuery q(source);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT DISTINCT ts / %1 FROM %2").arg(DayPartitions::kDayMs).arg(table))) {
            error = q.lastError().text();
            return false;
        }
        QSet<qint64> days;
        while (q.next())
            days.insert(q.value(0).toLongLong());
        return m_days.ensure(m_db, days, error);
    }

private:
    QString m_name;
    DatabaseLocation m_location;
    QString m_error;
    QSqlDatabase m_db;
    DayPartitions m_days;
};

} // namespace

bool StoreCopy::run(const QString &from, const QString &to, QList<TableCount> &counts, QString &error,
                    const std::function<bool(const QString &, qint64)> &progress)
{
    counts.clear();
    ReadOnlyConnection source(from);
    if (!source.open(error))
        return false;
    const int version = Schema::version(source.db());
    if (version > Schema::kVersion) {
        error = QStringLiteral("%1 has a newer schema than this polymon").arg(from);
        return false;
    }
    if (version < Schema::kVersion) { // older stores lack columns the copy reads; recording to one upgrades it
        error = QStringLiteral("%1 has schema %2, older than this polymon's: record to it once with this polymon "
                               "(polymon-cli monitor --sim --db %1 --duration 1) to bring it up to date")
                    .arg(from)
                    .arg(version);
        return false;
    }
    Destination dest(to);
    if (!dest.open(error))
        return false;
    for (const TableCopy &t : kTables) {
        TableCount count;
        count.table = QLatin1String(t.table);
        const QString columns = QLatin1String(t.columns);
        const int n = int(columns.count(QLatin1Char(',')) + 1);
        if (!dest.makeDays(source.db(), count.table, error)) {
            error = QStringLiteral("cannot write %1 to %2: %3").arg(count.table, to, error);
            return false;
        }
        QSqlQuery read(source.db());
        read.setForwardOnly(true);
        if (!read.exec(QStringLiteral("SELECT %1 FROM %2").arg(columns, count.table))) {
            error = QStringLiteral("cannot read %1 from %2: %3").arg(count.table, from, read.lastError().text());
            return false;
        }
        QSqlQuery write(dest.db());
        if (!write.prepare(MultiRowInsert::statement(QStringLiteral("INSERT INTO %1 (%2)").arg(count.table, columns), n, 1,
                                                     QLatin1String(t.onConflict)))) {
            error = QStringLiteral("cannot write %1: %2").arg(count.table, write.lastError().text());
            return false;
        }
        bool inTransaction = false;
        while (read.next()) {
            if (!inTransaction) {
                dest.db().transaction();
                inTransaction = true;
            }
            for (int i = 0; i < n; ++i)
                write.addBindValue(read.value(i));
            if (!write.exec()) {
                error = QStringLiteral("cannot write %1 to %2: %3").arg(count.table, to, write.lastError().text());
                dest.db().rollback();
                return false;
            }
            count.written += std::max(0, write.numRowsAffected());
            if (++count.read % kRowsPerTransaction == 0) {
                dest.db().commit();
                inTransaction = false;
                if (progress && !progress(count.table, count.read)) {
                    error = QStringLiteral("stopped");
                    counts << count;
                    return false;
                }
            }
        }
        if (inTransaction && !dest.db().commit()) {
            error = QStringLiteral("cannot write %1 to %2: %3").arg(count.table, to, dest.db().lastError().text());
            return false;
        }
        counts << count;
    }
    return true;
}

} // namespace polymon
