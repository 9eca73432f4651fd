#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace polymon {

// Moves a store's rows into another (SQLite to PostgreSQL and back),
// idempotently: a row the destination holds is not copied again (the
// schema's unique keys), and rows that change (markets, signal outcomes,
// orders, positions, recording spans) take the source's newer state. The
// source is opened read-only; the destination is brought to the latest
// schema first. Copies in transactions of a few thousand rows.
class StoreCopy final
{
public:
    struct TableCount
    {
        QString table;
        qint64 read = 0;
        qint64 written = 0; // new or changed in the destination
    };
    // `progress(table, rowsSoFar)` may stop the copy by returning false.
    static bool run(const QString &from, const QString &to, QList<TableCount> &counts, QString &error,
                    const std::function<bool(const QString &, qint64)> &progress = {});
};

} // namespace polymon
