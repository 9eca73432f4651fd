#include "signalcsv.h"

#include "protocol/fixedpoint.h"
#include "readonlyconnection.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace polymon {

QStringList SignalCsv::header()
{
    return {QStringLiteral("id"), QStringLiteral("time_utc"), QStringLiteral("ts_ms"), QStringLiteral("type"),
            QStringLiteral("side"), QStringLiteral("confidence"), QStringLiteral("market"), QStringLiteral("question"),
            QStringLiteral("outcome"), QStringLiteral("asset_id"), QStringLiteral("best_bid"), QStringLiteral("best_ask"),
            QStringLiteral("mid"), QStringLiteral("depth_ratio"), QStringLiteral("spread_ratio"),
            QStringLiteral("imbalance"), QStringLiteral("price_change"), QStringLiteral("expected_reversion"),
            QStringLiteral("resolved"), QStringLiteral("reverted"), QStringLiteral("reversion_time_s"),
            QStringLiteral("max_profit_touch_to_touch"), QStringLiteral("max_adverse_touch_to_touch"),
            QStringLiteral("description")};
}

QString SignalCsv::field(const QString &text, bool isText)
{
    QString v = text;
    if (isText && !v.isEmpty()
        && (v.front() == QLatin1Char('=') || v.front() == QLatin1Char('+') || v.front() == QLatin1Char('-')
            || v.front() == QLatin1Char('@') || v.front() == QLatin1Char('\t') || v.front() == QLatin1Char('\r')))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n'))
        || v.contains(QLatin1Char('\r'))) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        v = QLatin1Char('"') + v + QLatin1Char('"');
    }
    return v;
}

bool SignalCsv::exportTo(const QString &dbPath, QIODevice &out, const Filter &filter, int &rows, QString &error)
{
    rows = 0;
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT s.id, s.ts, s.signal_type, s.side, s.score, COALESCE(a.condition_id, s.market), "
        "COALESCE(m.question, ''), COALESCE(a.outcome, ''), s.asset_id, s.best_bid, s.best_ask, s.mid, "
        "s.depth_ratio, s.spread_ratio, s.imbalance, s.price_change, s.expected_reversion, s.resolved, "
        "s.reverted, s.reversion_time, s.max_profit, s.max_adverse, s.description, s.tracked "
        "FROM psychology_signal s LEFT JOIN asset a ON a.asset_id = s.asset_id "
        "LEFT JOIN market m ON m.condition_id = COALESCE(a.condition_id, s.market) "
        "WHERE s.ts >= ? AND (? = '' OR s.asset_id = ? OR s.market = ? OR a.condition_id = ?) "
        "AND (? = '' OR s.signal_type = ?) AND s.score >= ? "
        // "contains" as SQLite and PostgreSQL both read it (instr and strpos differ)
        "AND (? = '' OR length(lower(COALESCE(a.outcome, '') || ' ' || COALESCE(m.question, ''))) > "
        "length(replace(lower(COALESCE(a.outcome, '') || ' ' || COALESCE(m.question, '')), lower(?), ''))) "
        "ORDER BY s.ts, s.id"));
    q.addBindValue(filter.sinceMs);
    // A null QString binds as NULL, which never equals '': bind "" instead.
    auto text = [](const QString &v) { return v.isEmpty() ? QStringLiteral("") : v; };
    for (int i = 0; i < 4; ++i)
        q.addBindValue(text(filter.market));
    q.addBindValue(text(filter.type));
    q.addBindValue(text(filter.type));
    q.addBindValue(filter.minConfidence);
    q.addBindValue(text(filter.text));
    q.addBindValue(text(filter.text));
    if (!q.exec()) {
        error = q.lastError().text();
        return false;
    }
    auto line = [&out](const QStringList &cells) {
        return out.write((cells.join(QLatin1Char(',')) + QStringLiteral("\r\n")).toUtf8()) >= 0;
    };
    bool ok = line(header());
    auto money = [](const QVariant &v) {
        return v.isNull() ? QString() : QString::fromStdString(formatFixed(v.toLongLong()));
    };
    auto number = [](const QVariant &v) { return v.isNull() ? QString() : QString::number(v.toDouble(), 'g', 6); };
    while (ok && q.next()) {
        const qint64 ts = q.value(1).toLongLong();
        const bool resolved = q.value(17).toInt() != 0;
        // Resolved without a record to judge it by (the app was not running).
        const bool untracked = resolved && q.value(23).toInt() == 0;
        QStringList c;
        c << q.value(0).toString()
          << QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODateWithMs)
          << QString::number(ts) << q.value(2).toString() << q.value(3).toString() << q.value(4).toString()
          << field(q.value(5).toString(), true) << field(q.value(6).toString(), true)
          << field(q.value(7).toString(), true) << field(q.value(8).toString(), true) << money(q.value(9))
          << money(q.value(10)) << money(q.value(11)) << number(q.value(12)) << number(q.value(13))
          << number(q.value(14)) << money(q.value(15)) << money(q.value(16))
          << (resolved ? QStringLiteral("true") : QStringLiteral("false"))
          << (untracked  ? QStringLiteral("not tracked")
              : resolved ? (q.value(18).toInt() ? QStringLiteral("true") : QStringLiteral("false"))
                         : QString())
          << (resolved && !untracked ? number(q.value(19)) : QString())
          << (resolved && !untracked ? money(q.value(20)) : QString())
          << (resolved && !untracked ? money(q.value(21)) : QString()) << field(q.value(22).toString(), true);
        ok = line(c);
        ++rows;
    }
    if (!ok)
        error = QStringLiteral("cannot write the CSV: %1").arg(out.errorString());
    return ok;
}

} // namespace polymon
