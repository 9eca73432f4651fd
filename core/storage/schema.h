#pragma once

#include <QSqlDatabase>
#include <QString>

namespace polymon {

// The schema and its migrations, for SQLite and PostgreSQL alike (the same
// steps, PostgreSQL's column types; see forPostgres). The version lives in
// SQLite's PRAGMA user_version, in PostgreSQL's polymon_schema table; each
// migration runs in its own transaction. Prices and sizes are integer
// millionths (exact), ratios floating point.
class Schema final
{
public:
    static constexpr int kVersion = 10;

    // Brings the database to `target` (default: the latest). False with a
    // reason when it cannot; a database from a newer polymon is refused.
    static bool migrate(QSqlDatabase &db, QString &error, int target = kVersion);
    static int version(QSqlDatabase &db);
    // WAL, NORMAL sync, a busy timeout: what every connection wants.
    static bool configure(QSqlDatabase &db, QString &error);
    // The shared PostgreSQL (true) or a SQLite file.
    static bool isPostgres(const QSqlDatabase &db);
    // A migration statement in PostgreSQL's words.
    static QString forPostgres(const QString &sqliteSql);
};

} // namespace polymon
