#include "gammaclient.h"

#include "gammaparser.h"

#include <QNetworkReply>
#include <QUrlQuery>

namespace polymon {

GammaClient::GammaClient(QObject *parent)
    : QObject(parent)
{
}

QList<MarketInfo> GammaClient::usable(const QList<MarketInfo> &markets)
{
    QList<MarketInfo> out;
    for (const MarketInfo &m : markets) {
        if (m.active && !m.closed && m.orderBook && m.tokenIds.size() >= 2)
            out << m;
    }
    return out;
}

void GammaClient::get(const QString &path, const QList<QPair<QString, QString>> &query, const Handler &onMarkets,
                      void (GammaClient::*onError)(const QString &), Parser parser)
{
    QUrl url = m_base;
    url.setPath(path);
    QUrlQuery q;
    q.setQueryItems(query);
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("polymon/0.1"));
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, onMarkets, onError, parser] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            Q_EMIT(this->*onError)(reply->errorString());
            return;
        }
        QList<MarketInfo> markets;
        QString error;
        if (!parser(reply->readAll(), markets, error)) {
            Q_EMIT(this->*onError)(error);
            return;
        }
        onMarkets(markets);
    });
}

void GammaClient::fetchActive(int limit, int offset)
{
    const QList<QPair<QString, QString>> query = {
        {QStringLiteral("limit"), QString::number(limit)},
        {QStringLiteral("offset"), QString::number(offset)},
        {QStringLiteral("order"), QStringLiteral("volume24hr")},
        {QStringLiteral("ascending"), QStringLiteral("false")},
        {QStringLiteral("active"), QStringLiteral("true")},
        {QStringLiteral("closed"), QStringLiteral("false")},
    };
    get(QStringLiteral("/markets"), query,
        [this, offset](const QList<MarketInfo> &markets) { Q_EMIT pageLoaded(usable(markets), offset, int(markets.size())); },
        &GammaClient::loadFailed, &GammaParser::parseMarkets);
}

void GammaClient::fetchStatus(const QStringList &conditionIds)
{
    if (conditionIds.isEmpty())
        return;
    QList<QPair<QString, QString>> query;
    for (const QString &id : conditionIds)
        query.append({QStringLiteral("condition_ids"), id});
    query.append({QStringLiteral("limit"), QString::number(conditionIds.size())});
    get(QStringLiteral("/markets"), query, [this](const QList<MarketInfo> &markets) { Q_EMIT statusLoaded(markets); },
        &GammaClient::statusFailed, &GammaParser::parseMarkets);
}

void GammaClient::search(const QString &text)
{
    const QList<QPair<QString, QString>> query = {
        {QStringLiteral("q"), text},
        {QStringLiteral("limit_per_type"), QStringLiteral("50")},
        {QStringLiteral("events_status"), QStringLiteral("active")},
    };
    get(QStringLiteral("/public-search"), query,
        [this, text](const QList<MarketInfo> &markets) { Q_EMIT searchLoaded(text, usable(markets)); },
        &GammaClient::searchFailed, &GammaParser::parseSearch);
}

void GammaClient::fetchEvent(const QString &eventId)
{
    get(QStringLiteral("/events"), {{QStringLiteral("id"), eventId}},
        [this, eventId](const QList<MarketInfo> &markets) { Q_EMIT eventLoaded(eventId, usable(markets)); },
        &GammaClient::eventFailed, &GammaParser::parseEvents);
}

} // namespace polymon
