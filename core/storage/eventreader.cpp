#include "eventreader.h"

#include "readonlyconnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace polymon::EventReader {

bool read(const QString &dbPath, qint64 fromMs, qint64 toMs, std::vector<MarketEvent> &out, QString &error)
{
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlQuery q(connection.db());
    q.prepare(QStringLiteral("SELECT ts, type, market, asset_id, slug, text FROM market_event WHERE ts >= ? AND ts <= ? "
                             "ORDER BY ts, id"));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec()) {
        error = q.lastError().text().contains(QLatin1String("no such table"))
                    ? QStringLiteral("%1 holds no events (written by a polymon from before they were stored)").arg(dbPath)
                    : q.lastError().text();
        return false;
    }
    while (q.next())
        out.push_back(MarketEvent{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                                  q.value(5).toString(), q.value(4).toString()});
    return true;
}

} // namespace polymon::EventReader
