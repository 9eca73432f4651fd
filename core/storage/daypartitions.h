#pragma once

#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace polymon {

// The bulk of a store, snapshots and trades, by UTC day. On PostgreSQL each
// day is its own table (schema 10): it must exist before a row of that day
// is written, and retention drops whole days. SQLite keeps one table and
// retention deletes the old rows a slice at a time, so that the writer is
// never held long. Signals, outcomes, events and trading rows are kept for
// ever (small, and what a user studies later).
class DayPartitions final
{
public:
    static constexpr qint64 kDayMs = 86'400'000;

    static qint64 dayOf(qint64 timestampMs);

    // Makes the tables of these days (PostgreSQL; nothing to do on SQLite),
    // each in its own short transaction so that no batch waits behind it.
    // Days made once are remembered.
    bool ensure(QSqlDatabase &db, const QSet<qint64> &days, QString &error);
    // Forget what was made (a new connection may meet a different server).
    void forget() { m_made.clear(); }

    // Removes snapshots and trades older than `keepDays` whole days before
    // `nowMs`'s day. PostgreSQL drops day tables; SQLite deletes at most
    // `maxRows` rows (more remain: `more` is set). `removed` counts days
    // dropped (PostgreSQL) or rows deleted (SQLite).
    static bool dropBefore(QSqlDatabase &db, qint64 nowMs, int keepDays, qint64 maxRows, qint64 &removed, bool &more,
                           QString &error);

private:
    QSet<qint64> m_made;
};

} // namespace polymon
