#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>

namespace polymon {

// Rows of one table written many to a statement (INSERT ... VALUES (...),
// (...), ...): one statement per row costs a server a round trip each, which
// is what limits a shared store's recorders. Rows are held until `rowsPerStatement`
// are ready or flush() is called; the statement for a full set is prepared once.
class MultiRowInsert final
{
public:
    // `head`: "INSERT INTO table (a, b, c)"; `tail`: the ON CONFLICT clause.
    MultiRowInsert(const QSqlDatabase &db, const QString &head, int columns, const QString &tail, int rowsPerStatement);

    // Values in column order; writes when a statement's worth is held.
    bool add(const QVariantList &values, QSqlError &error);
    // Writes what is held.
    bool flush(QSqlError &error);

    // "HEAD VALUES (?,...),(?,...) TAIL": `rows` rows of `columns` placeholders.
    static QString statement(const QString &head, int columns, qsizetype rows, const QString &tail);

private:
    bool write(QSqlQuery &statement, QSqlError &error);

    QSqlDatabase m_db;
    QString m_head;
    QString m_tail;
    int m_columns;
    int m_rowsPerStatement;
    std::optional<QSqlQuery> m_full; // prepared on first use
    QVariantList m_held;
};

} // namespace polymon
