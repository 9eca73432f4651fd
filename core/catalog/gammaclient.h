#pragma once

#include "marketinfo.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

namespace polymon {

// Fetches the most active open markets with an order book from Gamma.
class GammaClient final : public QObject
{
    Q_OBJECT
public:
    explicit GammaClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url) { m_base = url; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Most 24h volume first; results arrive through marketsLoaded or loadFailed.
    void fetchActive(int limit, int offset = 0);

Q_SIGNALS:
    void marketsLoaded(const QList<polymon::MarketInfo> &markets);
    void loadFailed(const QString &error);

private:
    QNetworkAccessManager m_network;
    QUrl m_base = QUrl(QStringLiteral("https://gamma-api.polymarket.com"));
    int m_timeoutMs = 8000;
};

} // namespace polymon
