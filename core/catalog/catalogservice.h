#pragma once

#include "gammaclient.h"
#include "marketinfo.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace polymon {

// The desktop's market catalog from Gamma: pages of the most active
// markets, the first page renewed now and then (new prices and volumes),
// search, and a periodic check of the watched markets to notice those that
// closed. Lives in the monitor's thread; says nothing about modes (the
// session decides what a failure means).
class CatalogService final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl gammaUrl; // empty: the real Gamma API
        int timeoutMs = 8000;
        int pageSize = 200;
        int statusCheckMs = 5 * 60'000;
        int refreshMs = 10 * 60'000;
        int firstStatusCheckMs = 5000; // a restored watchlist may hold markets that closed meanwhile
    };

    explicit CatalogService(const Options &options, QObject *parent = nullptr);

    // The first page again (pageLoaded with first, or loadFailed with firstPage).
    void fetchFirst();
    // The next page, unless one is in flight.
    void loadMore();
    void search(const QString &text);
    void fetchEvent(const QString &eventId);
    // From now on: the first page renewed every refreshMs, and the markets
    // `watched` names checked every statusCheckMs (the first time soon).
    void startUpkeep(std::function<QStringList()> watched);
    void stopUpkeep();

Q_SIGNALS:
    void pageLoaded(const QList<polymon::MarketInfo> &markets, bool first, bool hasMore);
    void loadFailed(const QString &error, bool firstPage);
    void refreshed(const QList<polymon::MarketInfo> &markets);
    void searchResults(const QString &text, const QList<polymon::MarketInfo> &markets);
    void searchFailed(const QString &error);
    void eventLoaded(const QString &eventId, const QList<polymon::MarketInfo> &markets);
    void eventFailed(const QString &error);
    // Watched markets Gamma reports closed or inactive.
    void marketsClosed(const QList<polymon::MarketInfo> &markets);

private:
    void onPage(const QList<MarketInfo> &markets, int offset, int received);
    void checkStatus();

    Options m_options;
    GammaClient *m_gamma;
    QTimer m_refreshTimer;
    QTimer m_statusTimer;
    std::function<QStringList()> m_watched;
    int m_offset = 0;          // markets Gamma has given so far, usable or not
    int m_requestOffset = -1;  // the page in flight (-1: none)
    bool m_refreshing = false; // the page in flight renews the list
    bool m_upkeep = false;
};

} // namespace polymon
