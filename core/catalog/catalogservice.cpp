#include "catalogservice.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCatalog, "polymon.catalog", QtInfoMsg)

namespace polymon {

namespace {
constexpr qsizetype kStatusChunk = 50; // ids per request, to keep each URL short
}

CatalogService::CatalogService(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_gamma(new GammaClient(this))
    , m_refreshTimer(this) // children, so moveToThread takes them along
    , m_statusTimer(this)
{
    if (m_options.gammaUrl.isValid())
        m_gamma->setBaseUrl(m_options.gammaUrl);
    m_gamma->setTimeoutMs(m_options.timeoutMs);
    connect(m_gamma, &GammaClient::pageLoaded, this, &CatalogService::onPage);
    connect(m_gamma, &GammaClient::loadFailed, this, [this](const QString &error) {
        const bool first = m_requestOffset == 0;
        m_requestOffset = -1;
        if (m_refreshing) {
            m_refreshing = false; // the list stays as it was; the next refresh may work
            qCInfo(lcCatalog) << "catalog refresh failed:" << error;
            return;
        }
        Q_EMIT loadFailed(error, first);
    });
    connect(m_gamma, &GammaClient::statusLoaded, this, [this](const QList<MarketInfo> &markets) {
        QList<MarketInfo> closed;
        for (const MarketInfo &m : markets) {
            if (m.closed || !m.active)
                closed << m;
        }
        if (!closed.isEmpty())
            Q_EMIT marketsClosed(closed);
    });
    connect(m_gamma, &GammaClient::statusFailed, this,
            [](const QString &error) { qCInfo(lcCatalog) << "market status check failed:" << error; });
    connect(m_gamma, &GammaClient::searchLoaded, this, &CatalogService::searchResults);
    connect(m_gamma, &GammaClient::searchFailed, this, &CatalogService::searchFailed);
    connect(m_gamma, &GammaClient::eventLoaded, this, &CatalogService::eventLoaded);
    connect(m_gamma, &GammaClient::eventFailed, this, &CatalogService::eventFailed);
    m_refreshTimer.setInterval(m_options.refreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_requestOffset >= 0)
            return;
        m_refreshing = true;
        m_requestOffset = 0;
        m_gamma->fetchActive(m_options.pageSize, 0);
    });
    m_statusTimer.setInterval(m_options.statusCheckMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &CatalogService::checkStatus);
}

void CatalogService::fetchFirst()
{
    m_refreshing = false;
    m_offset = 0;
    m_requestOffset = 0;
    m_gamma->fetchActive(m_options.pageSize, 0);
}

void CatalogService::loadMore()
{
    if (m_requestOffset >= 0)
        return;
    m_requestOffset = m_offset;
    m_gamma->fetchActive(m_options.pageSize, m_offset);
}

void CatalogService::fetchEvent(const QString &eventId)
{
    if (!eventId.isEmpty())
        m_gamma->fetchEvent(eventId);
}

void CatalogService::search(const QString &text)
{
    if (!text.trimmed().isEmpty())
        m_gamma->search(text.trimmed());
}

void CatalogService::startUpkeep(std::function<QStringList()> watched)
{
    m_watched = std::move(watched);
    m_upkeep = true;
    m_refreshTimer.start();
    m_statusTimer.start();
    QTimer::singleShot(m_options.firstStatusCheckMs, this, &CatalogService::checkStatus);
}

void CatalogService::stopUpkeep()
{
    m_upkeep = false;
    m_refreshTimer.stop();
    m_statusTimer.stop();
    m_refreshing = false;
}

void CatalogService::onPage(const QList<MarketInfo> &markets, int offset, int received)
{
    m_requestOffset = -1;
    if (m_refreshing) {
        m_refreshing = false;
        Q_EMIT refreshed(markets);
        return;
    }
    m_offset = offset + received;
    Q_EMIT pageLoaded(markets, offset == 0, received >= m_options.pageSize);
}

void CatalogService::checkStatus()
{
    if (!m_upkeep || !m_watched)
        return;
    const QStringList ids = m_watched();
    for (qsizetype i = 0; i < ids.size(); i += kStatusChunk)
        m_gamma->fetchStatus(ids.mid(i, kStatusChunk));
}

} // namespace polymon
