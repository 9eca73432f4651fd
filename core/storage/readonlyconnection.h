#pragma once

#include <QSqlDatabase>
#include <QString>

namespace polymon {

// A short-lived, read-only SQLite connection with a unique name, closed and
// removed when it goes out of scope (export, baseline seeding). Declare it
// before any QSqlQuery that uses it.
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

private:
    QString m_name;
    QString m_path;
    QSqlDatabase m_db;
};

} // namespace polymon
