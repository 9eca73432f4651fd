#include "multirowinsert.h"

#include <QStringList>

namespace polymon {

MultiRowInsert::MultiRowInsert(const QSqlDatabase &db, const QString &head, int columns, const QString &tail,
                               int rowsPerStatement)
    : m_db(db), m_head(head), m_tail(tail), m_columns(columns), m_rowsPerStatement(std::max(1, rowsPerStatement))
{
    m_held.reserve(qsizetype(m_columns) * m_rowsPerStatement);
}

QString MultiRowInsert::statement(const QString &head, int columns, qsizetype rows, const QString &tail)
{
    QStringList marks;
    for (int i = 0; i < columns; ++i)
        marks << QStringLiteral("?");
    const QString row = QLatin1Char('(') + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    QStringList values;
    for (qsizetype i = 0; i < rows; ++i)
        values << row;
    return head + QLatin1String(" VALUES ") + values.join(QLatin1Char(',')) + QLatin1Char(' ') + tail;
}

bool MultiRowInsert::add(const QVariantList &values, QSqlError &error)
{
    Q_ASSERT(values.size() == m_columns);
    m_held.append(values);
    if (m_held.size() < qsizetype(m_columns) * m_rowsPerStatement)
        return true;
    if (!m_full) {
        m_full.emplace(m_db);
        if (!m_full->prepare(statement(m_head, m_columns, m_rowsPerStatement, m_tail))) {
            error = m_full->lastError();
            m_full.reset();
            return false;
        }
    }
    return write(*m_full, error);
}

bool MultiRowInsert::flush(QSqlError &error)
{
    if (m_held.isEmpty())
        return true;
    QSqlQuery rest(m_db);
    if (!rest.prepare(statement(m_head, m_columns, m_held.size() / m_columns, m_tail))) {
        error = rest.lastError();
        return false;
    }
    return write(rest, error);
}

bool MultiRowInsert::write(QSqlQuery &statement, QSqlError &error)
{
    for (const QVariant &v : std::as_const(m_held))
        statement.addBindValue(v);
    m_held.clear();
    if (statement.exec())
        return true;
    error = statement.lastError();
    return false;
}

} // namespace polymon
