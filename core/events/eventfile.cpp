#include "eventfile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace polymon {

namespace {

constexpr int kProblemsKept = 10;

// One CSV line split on commas outside double quotes ("" is a quote).
QStringList csvFields(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

bool fromJson(const QByteArray &line, MarketEvent &e, QString &why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (!doc.isObject()) {
        why = QStringLiteral("not a JSON object (%1)").arg(error.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonValue ts = o.value(QStringLiteral("ts"));
    if (!ts.isDouble() || ts.toDouble() != double(qint64(ts.toDouble()))) {
        why = QStringLiteral("ts is not a whole number of milliseconds");
        return false;
    }
    e.tsMs = qint64(ts.toDouble());
    e.type = o.value(QStringLiteral("type")).toString();
    e.market = o.value(QStringLiteral("market")).toString();
    e.assetId = o.value(QStringLiteral("asset_id")).toString();
    e.text = o.value(QStringLiteral("text")).toString();
    e.slug = o.value(QStringLiteral("slug")).toString();
    return true;
}

bool fromCsv(const QString &line, MarketEvent &e, QString &why)
{
    const QStringList f = csvFields(line);
    bool ok = false;
    e.tsMs = f.value(0).trimmed().toLongLong(&ok);
    if (!ok) {
        why = QStringLiteral("ts is not a whole number of milliseconds");
        return false;
    }
    e.type = f.value(1).trimmed();
    e.market = f.value(2).trimmed();
    e.assetId = f.value(3).trimmed();
    e.text = f.value(4);
    return true;
}

} // namespace

EventFile::Result EventFile::parse(const QByteArray &text)
{
    Result out;
    const QList<QByteArray> lines = text.split('\n');
    bool csv = false;
    bool first = true;
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QByteArray line = lines[n].trimmed();
        if (line.isEmpty())
            continue;
        if (first) {
            first = false;
            csv = !line.startsWith('{');
            if (csv && line.toLower().startsWith("ts,"))
                continue; // the header
        }
        MarketEvent e;
        QString why;
        const bool ok = csv ? fromCsv(QString::fromUtf8(line), e, why) : fromJson(line, e, why);
        if (ok && e.type.isEmpty()) {
            why = QStringLiteral("no type");
        } else if (ok) {
            out.events.push_back(std::move(e));
            continue;
        }
        ++out.badLines;
        if (out.problems.size() < kProblemsKept)
            out.problems << QStringLiteral("line %1: %2").arg(n + 1).arg(why);
    }
    std::stable_sort(out.events.begin(), out.events.end(), [](const MarketEvent &a, const MarketEvent &b) { return a.tsMs < b.tsMs; });
    return out;
}

bool EventFile::read(const QString &path, Result &out, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    out = parse(file.readAll());
    return true;
}

} // namespace polymon
