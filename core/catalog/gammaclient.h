#pragma once

#include "marketinfo.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace polymon {

// Gamma API: the most active open markets with an order book, page by page,
// and the current state of given markets (to notice that one has closed).
class GammaClient final : public QObject
{
    Q_OBJECT
public:
    explicit GammaClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url) { m_base = url; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Most 24h volume first, one page from `offset`. Results arrive through
    // pageLoaded (the usable markets and how many the page held) or loadFailed.
    void fetchActive(int limit, int offset = 0);
    // The markets with these condition ids, open or not: statusLoaded.
    void fetchStatus(const QStringList &conditionIds);
    // Open markets with an order book whose event matches the text:
    // searchLoaded or searchFailed.
    void search(const QString &text);
    // Every market of one event (`/events?id=`), for the event view.
    void fetchEvent(const QString &eventId);

Q_SIGNALS:
    void pageLoaded(const QList<polymon::MarketInfo> &markets, int offset, int received);
    void loadFailed(const QString &error);
    void statusLoaded(const QList<polymon::MarketInfo> &markets);
    void statusFailed(const QString &error);
    void searchLoaded(const QString &text, const QList<polymon::MarketInfo> &markets);
    void searchFailed(const QString &error);
    void eventLoaded(const QString &eventId, const QList<polymon::MarketInfo> &markets);
    void eventFailed(const QString &error);

private:
    using Handler = std::function<void(const QList<MarketInfo> &)>;
    using Parser = bool (*)(const QByteArray &, QList<MarketInfo> &, QString &);
    void get(const QString &path, const QList<QPair<QString, QString>> &query, const Handler &onMarkets,
             void (GammaClient::*onError)(const QString &), Parser parser);
    static QList<MarketInfo> usable(const QList<MarketInfo> &markets);

    QNetworkAccessManager m_network;
    QUrl m_base = QUrl(QStringLiteral("https://gamma-api.polymarket.com"));
    int m_timeoutMs = 8000;
};

} // namespace polymon
