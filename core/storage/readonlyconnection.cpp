#include "readonlyconnection.h"

#include "schema.h"

#include <QSqlError>
#include <QUuid>

namespace polymon {

ReadOnlyConnection::ReadOnlyConnection(const QString &path)
    : m_name(QStringLiteral("polymon-read-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_path(path)
    , m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name))
{
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
}

ReadOnlyConnection::~ReadOnlyConnection()
{
    m_db.close();
    m_db = QSqlDatabase(); // the last handle must be gone before removal
    QSqlDatabase::removeDatabase(m_name);
}

bool ReadOnlyConnection::open(QString &error)
{
    if (!m_db.open()) {
        error = QStringLiteral("cannot open %1: %2").arg(m_path, m_db.lastError().text());
        return false;
    }
    if (Schema::version(m_db) < 1) {
        error = QStringLiteral("%1 is not a polymon database").arg(m_path);
        return false;
    }
    return true;
}

} // namespace polymon
