#include "marketfeed.h"

#include <QSet>

#include <algorithm>

namespace polymon {

MarketFeed::MarketFeed(const FeedSettings &settings, QObject *parent)
    : FrameSource(parent)
    , m_settings(settings)
{
    // Beyond ~500 tokens a connection carries no data at all (protocol.md).
    m_settings.maxAssetsPerConnection = std::clamp(m_settings.maxAssetsPerConnection, 1, kMaxAssetsPerConnection);
}

MarketFeed::~MarketFeed() = default;

FeedConnection *MarketFeed::connectionWithRoom()
{
    for (const auto &c : m_connections) {
        if (c->assets().size() < m_settings.maxAssetsPerConnection && c->state() != FeedConnection::State::Closed)
            return c.get();
    }
    auto c = std::make_unique<FeedConnection>(int(m_connections.size()), m_settings);
    FeedConnection *raw = c.get();
    connect(raw, &FeedConnection::frameReceived, this, &FrameSource::frameReceived);
    connect(raw, &FeedConnection::stateChanged, this, &MarketFeed::stateChanged);
    connect(raw, &FeedConnection::assetsInvalidated, this, &FrameSource::assetsInvalidated);
    connect(raw, &FeedConnection::reconnectScheduled, this, &MarketFeed::reconnectScheduled);
    m_connections.push_back(std::move(c));
    return raw;
}

void MarketFeed::subscribe(const QStringList &assetIds)
{
    QStringList pending;
    QSet<QString> seen;
    for (const QString &id : assetIds) {
        if (!id.isEmpty() && !m_owner.contains(id) && !seen.contains(id)) {
            seen.insert(id);
            pending << id;
        }
    }
    // Fill connections up to their limit, one subscribe message per batch.
    for (qsizetype i = 0; i < pending.size();) {
        FeedConnection *c = connectionWithRoom();
        const qsizetype room = m_settings.maxAssetsPerConnection - c->assets().size();
        const QStringList batch = pending.mid(i, room);
        for (const QString &id : batch)
            m_owner.insert(id, c);
        c->subscribe(batch);
        i += batch.size();
    }
}

void MarketFeed::unsubscribe(const QStringList &assetIds)
{
    QHash<FeedConnection *, QStringList> byConnection;
    for (const QString &id : assetIds) {
        if (FeedConnection *c = m_owner.take(id))
            byConnection[c] << id;
    }
    for (auto it = byConnection.cbegin(); it != byConnection.cend(); ++it)
        it.key()->unsubscribe(it.value());
}

bool MarketFeed::requestBook(const QString &assetId)
{
    FeedConnection *c = m_owner.value(assetId);
    if (!c || c->state() != FeedConnection::State::Connected)
        return false;
    c->resubscribe(assetId);
    return true;
}

void MarketFeed::closeAll()
{
    for (const auto &c : m_connections)
        c->close();
}

int MarketFeed::connectedCount() const
{
    int n = 0;
    for (const auto &c : m_connections)
        n += c->state() == FeedConnection::State::Connected ? 1 : 0;
    return n;
}

} // namespace polymon
