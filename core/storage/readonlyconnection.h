#pragma once

#include "databaselocation.h"

#include <QSqlDatabase>
#include <QString>

namespace polymon {

// A short-lived, read-only connection with a unique name, closed and removed
// when it goes out of scope (export, baseline seeding): to a SQLite file or,
// given a postgresql:// URL, to the shared store (its session read-only).
// Declare it before any QSqlQuery that uses it.
class ReadOnlyConnection final
{
public:
    explicit ReadOnlyConnection(const QString &path);
    ~ReadOnlyConnection();
    ReadOnlyConnection(const ReadOnlyConnection &) = delete;
    ReadOnlyConnection &operator=(const ReadOnlyConnection &) = delete;

    // False with a reason when the file cannot be opened or is not a
    // polymon database.
    bool open(QString &error);
    QSqlDatabase &db() noexcept { return m_db; }
    // Whether a forward-only query may stream while another query runs on
    // the connection: SQLite yes; PostgreSQL streams one at a time, so a
    // query read beside others is fetched whole there.
    bool streamsSideBySide() const { return !m_location.isPostgres(); }

private:
    QString m_name;
    QString m_path;
    DatabaseLocation m_location;
    QSqlDatabase m_db;
};

} // namespace polymon
