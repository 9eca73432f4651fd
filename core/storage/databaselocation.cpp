#include "databaselocation.h"

#include <QSqlDatabase>
#include <QUrl>
#include <QUrlQuery>

namespace polymon {

bool DatabaseLocation::parse(const QString &text, DatabaseLocation &out, QString &error)
{
    out = {};
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        error = QStringLiteral("no database given");
        return false;
    }
    if (!trimmed.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        && !trimmed.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive)) {
        out.engine = Engine::SQLite;
        out.path = trimmed;
        return true;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        error = QStringLiteral("not a PostgreSQL URL (postgresql://user@host[:port]/database): %1").arg(url.errorString());
        return false;
    }
    if (!url.password().isEmpty()) {
        error = QStringLiteral("a password in the database URL would show in command lines and settings: put it in "
                               "~/.pgpass (or PGPASSWORD) and leave it out of the URL");
        return false;
    }
    out.engine = Engine::PostgreSQL;
    out.host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    out.port = url.port(5432);
    out.user = url.userName();
    out.database = url.path().mid(1);
    if (out.database.isEmpty() || out.database.contains(QLatin1Char('/'))) {
        error = QStringLiteral("the PostgreSQL URL names no database: postgresql://user@host[:port]/database");
        return false;
    }
    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (item.first.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0) {
            error = QStringLiteral("a password in the database URL would show in command lines and settings: put it "
                                   "in ~/.pgpass (or PGPASSWORD)");
            return false;
        }
        options << item.first + QLatin1Char('=') + item.second;
    }
    out.options = options.join(QLatin1Char(';'));
    return true;
}

QString DatabaseLocation::driver() const
{
    return isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
}

void DatabaseLocation::apply(QSqlDatabase &db) const
{
    if (!isPostgres()) {
        db.setDatabaseName(path);
        return;
    }
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setDatabaseName(database);
    db.setConnectOptions(options);
}

QString DatabaseLocation::display() const
{
    if (!isPostgres())
        return path;
    return QStringLiteral("postgresql://%1%2:%3/%4")
        .arg(user.isEmpty() ? QString() : user + QLatin1Char('@'), host)
        .arg(port)
        .arg(database);
}

} // namespace polymon
