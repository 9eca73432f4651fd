#include "daypartitions.h"

#include "schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace polymon {

namespace {

const char *const kTables[] = {"order_book_snapshot", "trade"};

} // namespace

qint64 DayPartitions::dayOf(qint64 timestampMs)
{
    return timestampMs >= 0 ? timestampMs / kDayMs : -((-timestampMs + kDayMs - 1) / kDayMs);
}

bool DayPartitions::ensure(QSqlDatabase &db, const QSet<qint64> &days, QString &error)
{
    if (!Schema::isPostgres(db))
        return true;
    for (const qint64 day : days) {
        if (m_made.contains(day))
            continue;
        if (!db.transaction()) {
            error = db.lastError().text();
            return false;
        }
        QSqlQuery q(db);
        for (const char *table : kTables) {
            if (!q.exec(QStringLiteral("SELECT polymon_day_partition('%1', %2)").arg(QLatin1String(table)).arg(day))) {
                error = QStringLiteral("cannot make the %1 table of day %2: %3")
                            .arg(QLatin1String(table))
                            .arg(day)
                            .arg(q.lastError().text());
                db.rollback();
                return false;
            }
        }
        if (!db.commit()) {
            error = db.lastError().text();
            db.rollback();
            return false;
        }
        m_made.insert(day);
    }
    return true;
}

bool DayPartitions::dropBefore(QSqlDatabase &db, qint64 nowMs, int keepDays, qint64 maxRows, qint64 &removed, bool &more,
                               QString &error)
{
    removed = 0;
    more = false;
    if (keepDays <= 0)
        return true;
    const qint64 firstKeptDay = dayOf(nowMs) - keepDays + 1;
    QSqlQuery q(db);
    if (Schema::isPostgres(db)) {
        if (!db.transaction()) {
            error = db.lastError().text();
            return false;
        }
        for (const char *table : kTables) {
            if (!q.exec(QStringLiteral("SELECT polymon_drop_days_before('%1', %2)").arg(QLatin1String(table)).arg(firstKeptDay))
                || !q.next()) {
                error = q.lastError().text();
                db.rollback();
                return false;
            }
            removed += q.value(0).toLongLong();
        }
        if (!db.commit()) {
            error = db.lastError().text();
            db.rollback();
            return false;
        }
        return true;
    }
    // SQLite: the oldest rows first, by the time index, a slice a transaction.
    const qint64 cutoffMs = firstKeptDay * kDayMs;
    for (const char *table : kTables) {
        while (removed < maxRows) {
            const qint64 slice = std::min<qint64>(20'000, maxRows - removed);
            if (!q.exec(QStringLiteral("DELETE FROM %1 WHERE id IN (SELECT id FROM %1 WHERE ts < %2 LIMIT %3)")
                            .arg(QLatin1String(table))
                            .arg(cutoffMs)
                            .arg(slice))) {
                error = q.lastError().text();
                return false;
            }
            const int n = q.numRowsAffected();
            removed += std::max(0, n);
            if (n < slice)
                break;
        }
        if (removed >= maxRows) {
            more = true;
            return true;
        }
    }
    return true;
}

} // namespace polymon
