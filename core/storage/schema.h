#pragma once

#include <QSqlDatabase>
#include <QString>

namespace polymon {

// The SQLite schema and its migrations. The version lives in PRAGMA
// user_version; each migration runs in its own transaction. Prices and sizes
// are INTEGER millionths (exact), ratios REAL.
class Schema final
{
public:
    static constexpr int kVersion = 5;

    // Brings the database to `target` (default: the latest). False with a
    // reason when it cannot; a database from a newer polymon is refused.
    static bool migrate(QSqlDatabase &db, QString &error, int target = kVersion);
    static int version(QSqlDatabase &db);
    // WAL, NORMAL sync, a busy timeout: what every connection wants.
    static bool configure(QSqlDatabase &db, QString &error);
};

} // namespace polymon
