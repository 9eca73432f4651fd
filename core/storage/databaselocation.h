#pragma once

#include <QString>

class QSqlDatabase;

namespace polymon {

// Where the store is: a path selects SQLite (the embedded default), a
// `postgresql://user@host[:port]/database[?sslmode=...]` URL a shared
// PostgreSQL. A password in the URL is refused (it would sit in command
// lines and settings): libpq reads it from ~/.pgpass or PGPASSWORD.
struct DatabaseLocation
{
    enum class Engine { SQLite, PostgreSQL };

    Engine engine = Engine::SQLite;
    QString path;     // SQLite
    QString host;     // PostgreSQL
    int port = 5432;
    QString user;
    QString database;
    QString options;  // libpq connection options, "sslmode=require;..."

    static bool parse(const QString &text, DatabaseLocation &out, QString &error);
    bool isPostgres() const noexcept { return engine == Engine::PostgreSQL; }
    // The Qt SQL driver: QSQLITE or QPSQL.
    QString driver() const;
    // Sets the connection's name, host, port, user and options.
    void apply(QSqlDatabase &db) const;
    // For logs and the UI: the URL or the path, never a secret.
    QString display() const;
};

} // namespace polymon
