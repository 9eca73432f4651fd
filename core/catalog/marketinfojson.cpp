#include "marketinfojson.h"

#include <QJsonArray>

namespace polymon {

QJsonObject MarketInfoJson::toJson(const MarketInfo &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("question"), m.question);
    o.insert(QStringLiteral("conditionId"), m.conditionId);
    o.insert(QStringLiteral("slug"), m.slug);
    o.insert(QStringLiteral("outcomes"), QJsonArray::fromStringList(m.outcomes));
    o.insert(QStringLiteral("tokenIds"), QJsonArray::fromStringList(m.tokenIds));
    o.insert(QStringLiteral("yesPrice"), m.yesPrice);
    o.insert(QStringLiteral("volume24h"), m.volume24h);
    o.insert(QStringLiteral("liquidity"), m.liquidity);
    if (m.endDate.isValid())
        o.insert(QStringLiteral("endDate"), m.endDate.toString(Qt::ISODate));
    if (m.minOrderSize > 0)
        o.insert(QStringLiteral("minOrderSize"), m.minOrderSize);
    if (m.negRisk)
        o.insert(QStringLiteral("negRisk"), true);
    if (m.feesEnabled)
        o.insert(QStringLiteral("feesEnabled"), true);
    if (!m.eventId.isEmpty()) {
        o.insert(QStringLiteral("eventId"), m.eventId);
        o.insert(QStringLiteral("eventTitle"), m.eventTitle);
        o.insert(QStringLiteral("groupTitle"), m.groupTitle);
    }
    return o;
}

bool MarketInfoJson::fromJson(const QJsonObject &o, MarketInfo &m)
{
    m = MarketInfo();
    m.question = o.value(QStringLiteral("question")).toString();
    m.conditionId = o.value(QStringLiteral("conditionId")).toString();
    m.slug = o.value(QStringLiteral("slug")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("outcomes")).toArray())
        m.outcomes << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("tokenIds")).toArray())
        m.tokenIds << v.toString();
    m.yesPrice = o.value(QStringLiteral("yesPrice")).toString();
    m.volume24h = o.value(QStringLiteral("volume24h")).toDouble();
    m.liquidity = o.value(QStringLiteral("liquidity")).toDouble();
    m.endDate = QDateTime::fromString(o.value(QStringLiteral("endDate")).toString(), Qt::ISODate);
    m.minOrderSize = qint64(o.value(QStringLiteral("minOrderSize")).toDouble());
    m.negRisk = o.value(QStringLiteral("negRisk")).toBool(false);
    m.feesEnabled = o.value(QStringLiteral("feesEnabled")).toBool(false);
    m.eventId = o.value(QStringLiteral("eventId")).toString();
    m.eventTitle = o.value(QStringLiteral("eventTitle")).toString();
    m.groupTitle = o.value(QStringLiteral("groupTitle")).toString();
    return !m.conditionId.isEmpty() && m.tokenIds.size() >= 2;
}

} // namespace polymon
