#include "coveragereader.h"

#include "readonlyconnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace polymon {

bool CoverageReader::read(const QString &dbPath, const QStringList &assetIds, qint64 fromMs, qint64 toMs, Result &out,
                          QString &error, qint64 minGapMs)
{
    out = Result{};
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlQuery q(connection.db());
    QSqlQuery any(connection.db());
    if (!any.exec(QStringLiteral("SELECT count(*) FROM coverage")) || !any.next() || any.value(0).toLongLong() == 0) {
        out.ledgerKept = false; // an older store, or nothing recorded yet
        return true;
    }
    if (!q.prepare(QStringLiteral("SELECT c.from_ms, c.to_ms, COALESCE(s.host, '') FROM coverage c "
                                  "LEFT JOIN recording_span s ON s.session_id = c.session_id "
                                  "WHERE c.asset_id = ? AND c.to_ms > ? AND c.from_ms < ? ORDER BY c.from_ms"))) {
        error = q.lastError().text();
        return false;
    }
    for (const QString &asset : assetIds) {
        q.addBindValue(asset);
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        if (!q.exec()) {
            error = q.lastError().text();
            return false;
        }
        // Walk the stretches by start: whatever lies between the covered end so far and the next start is a gap.
        qint64 coveredUntil = fromMs;
        auto gap = [&](qint64 a, qint64 b) {
            if (b - a >= minGapMs)
                out.gaps.append(Gap{asset, a, b});
        };
        while (q.next()) {
            const qint64 a = q.value(0).toLongLong(), b = q.value(1).toLongLong();
            const QString host = q.value(2).toString();
            if (!host.isEmpty() && !out.recorders.contains(host))
                out.recorders << host;
            if (a > coveredUntil)
                gap(coveredUntil, a);
            coveredUntil = std::max(coveredUntil, b);
        }
        if (coveredUntil < toMs)
            gap(coveredUntil, toMs);
    }
    return true;
}

} // namespace polymon
