#include "gammaclient.h"

#include "gammaparser.h"

#include <QNetworkReply>
#include <QUrlQuery>

namespace polymon {

GammaClient::GammaClient(QObject *parent)
    : QObject(parent)
{
}

void GammaClient::fetchActive(int limit, int offset)
{
    QUrl url = m_base;
    url.setPath(QStringLiteral("/markets"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    q.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    q.addQueryItem(QStringLiteral("order"), QStringLiteral("volume24hr"));
    q.addQueryItem(QStringLiteral("ascending"), QStringLiteral("false"));
    q.addQueryItem(QStringLiteral("active"), QStringLiteral("true"));
    q.addQueryItem(QStringLiteral("closed"), QStringLiteral("false"));
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("polymon/0.1"));
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            Q_EMIT loadFailed(reply->errorString());
            return;
        }
        QList<MarketInfo> markets;
        QString error;
        if (!GammaParser::parseMarkets(reply->readAll(), markets, error)) {
            Q_EMIT loadFailed(error);
            return;
        }
        QList<MarketInfo> usable;
        for (const MarketInfo &m : markets) {
            if (m.active && !m.closed && m.orderBook && m.tokenIds.size() >= 2)
                usable << m;
        }
        Q_EMIT marketsLoaded(usable);
    });
}

} // namespace polymon
