#include "gammaparser.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace polymon {

namespace {

// A list that may arrive as a JSON array or as a string holding one.
QStringList stringList(const QJsonValue &v)
{
    QJsonArray array;
    if (v.isArray()) {
        array = v.toArray();
    } else if (v.isString()) {
        const QJsonDocument inner = QJsonDocument::fromJson(v.toString().toUtf8());
        if (!inner.isArray())
            return {};
        array = inner.array();
    }
    QStringList out;
    for (const QJsonValue &item : array)
        out << (item.isString() ? item.toString() : QString::number(item.toDouble()));
    return out;
}

double number(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString())
        return v.toString().toDouble();
    return 0.0;
}

MarketInfo marketFrom(const QJsonObject &o)
{
    MarketInfo m;
    m.question = o.value(QStringLiteral("question")).toString();
    m.conditionId = o.value(QStringLiteral("conditionId")).toString();
    m.slug = o.value(QStringLiteral("slug")).toString();
    m.outcomes = stringList(o.value(QStringLiteral("outcomes")));
    m.tokenIds = stringList(o.value(QStringLiteral("clobTokenIds")));
    const QStringList prices = stringList(o.value(QStringLiteral("outcomePrices")));
    m.yesPrice = prices.value(0);
    m.volume24h = number(o.value(QStringLiteral("volume24hr")));
    m.liquidity = number(o.value(QStringLiteral("liquidity")));
    m.endDate = QDateTime::fromString(o.value(QStringLiteral("endDate")).toString(), Qt::ISODate);
    m.active = o.value(QStringLiteral("active")).toBool(true);
    m.closed = o.value(QStringLiteral("closed")).toBool(false);
    m.orderBook = o.value(QStringLiteral("enableOrderBook")).toBool(!m.tokenIds.isEmpty());
    const double minSize = number(o.value(QStringLiteral("orderMinSize")));
    if (minSize > 0 && minSize < 1e9)
        m.minOrderSize = qint64(std::llround(minSize * 100)) * 10'000; // shares have 2 decimals at most
    m.negRisk = o.value(QStringLiteral("negRisk")).toBool(false);
    m.feesEnabled = o.value(QStringLiteral("feesEnabled")).toBool(false);
    m.groupTitle = o.value(QStringLiteral("groupItemTitle")).toString();
    const QJsonObject event = o.value(QStringLiteral("events")).toArray().first().toObject();
    m.eventId = event.value(QStringLiteral("id")).toVariant().toString();
    m.eventTitle = event.value(QStringLiteral("title")).toString();
    return m;
}

// The market objects of an array; other items and markets without a question are skipped.
void appendMarkets(const QJsonArray &items, QList<MarketInfo> &out)
{
    for (const QJsonValue &v : items) {
        if (!v.isObject())
            continue;
        MarketInfo m = marketFrom(v.toObject());
        if (!m.question.isEmpty())
            out << m;
    }
}

// The markets of event objects, each told which event it belongs to.
void appendEventMarkets(const QJsonArray &events, QList<MarketInfo> &out)
{
    for (const QJsonValue &e : events) {
        const QJsonObject event = e.toObject();
        const QString id = event.value(QStringLiteral("id")).toVariant().toString();
        const QString title = event.value(QStringLiteral("title")).toString();
        const qsizetype first = out.size();
        appendMarkets(event.value(QStringLiteral("markets")).toArray(), out);
        for (qsizetype i = first; i < out.size(); ++i) {
            if (out[i].eventId.isEmpty()) {
                out[i].eventId = id;
                out[i].eventTitle = title;
            }
        }
    }
}

// The body as JSON, or false with "Gamma <what> is not JSON: ...".
bool parseJson(const QByteArray &body, const char *what, QJsonDocument &doc, QString &error)
{
    QJsonParseError parseError;
    doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return true;
    error = QStringLiteral("Gamma %1 is not JSON: %2").arg(QLatin1String(what), parseError.errorString());
    return false;
}

} // namespace

bool GammaParser::parseMarkets(const QByteArray &body, QList<MarketInfo> &out, QString &error)
{
    QJsonDocument doc;
    if (!parseJson(body, "answer", doc, error))
        return false;
    QJsonArray items;
    if (doc.isArray())
        items = doc.array();
    else if (doc.isObject() && doc.object().value(QStringLiteral("data")).isArray())
        items = doc.object().value(QStringLiteral("data")).toArray();
    else if (doc.isObject())
        items.append(doc.object());
    else {
        error = QStringLiteral("Gamma answer is not a market list");
        return false;
    }
    appendMarkets(items, out);
    return true;
}

bool GammaParser::parseSearch(const QByteArray &body, QList<MarketInfo> &out, QString &error)
{
    QJsonDocument doc;
    if (!parseJson(body, "search answer", doc, error))
        return false;
    if (!doc.isObject()) {
        error = QStringLiteral("Gamma search answer is not an object");
        return false;
    }
    const QJsonObject root = doc.object();
    appendMarkets(root.value(QStringLiteral("markets")).toArray(), out);
    appendEventMarkets(root.value(QStringLiteral("events")).toArray(), out);
    return true;
}

bool GammaParser::parseEvents(const QByteArray &body, QList<MarketInfo> &out, QString &error)
{
    QJsonDocument doc;
    if (!parseJson(body, "events answer", doc, error))
        return false;
    if (doc.isObject()) {
        appendEventMarkets(QJsonArray{doc.object()}, out);
        return true;
    }
    if (!doc.isArray()) {
        error = QStringLiteral("Gamma events answer is not an event list");
        return false;
    }
    appendEventMarkets(doc.array(), out);
    return true;
}

} // namespace polymon
