#include "readonlyconnection.h"

#include "schema.h"

#include <QSqlQuery>

#include <QSqlError>
#include <QUuid>

namespace polymon {

ReadOnlyConnection::ReadOnlyConnection(const QString &path)
    : m_name(QStringLiteral("polymon-read-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_path(path)
{
    QString error;
    if (!DatabaseLocation::parse(path, m_location, error))
        m_location.path = path; // open() says what is wrong
    m_db = QSqlDatabase::addDatabase(m_location.driver(), m_name);
    m_location.apply(m_db);
    if (!m_location.isPostgres())
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
        error = QStringLiteral("cannot open %1: %2").arg(m_location.display(), m_db.lastError().text());
        return false;
    }
    if (m_location.isPostgres()) {
        // Readers never write, whatever the role may do.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"))) {
            error = QStringLiteral("cannot read %1: %2").arg(m_location.display(), q.lastError().text());
            return false;
        }
    }
    if (Schema::version(m_db) < 1) {
        error = QStringLiteral("%1 is not a polymon database").arg(m_location.display());
        return false;
    }
    return true;
}

} // namespace polymon
