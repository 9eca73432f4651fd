#pragma once

#include "feedconnection.h"
#include "feedsettings.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace polymon {

// All connections of one endpoint. Assets are spread so that no connection
// carries more than maxAssetsPerConnection; connections open on demand.
class MarketFeed final : public QObject
{
    Q_OBJECT
public:
    explicit MarketFeed(const FeedSettings &settings, QObject *parent = nullptr);
    ~MarketFeed() override;

    void subscribe(const QStringList &assetIds);
    void unsubscribe(const QStringList &assetIds);
    void resubscribe(const QString &assetId);
    void closeAll();

    const FeedSettings &settings() const noexcept { return m_settings; }
    int connectionCount() const noexcept { return int(m_connections.size()); }
    const FeedConnection *connection(int index) const { return m_connections.at(std::size_t(index)).get(); }
    QStringList assets() const { return m_owner.keys(); }
    int connectedCount() const;

Q_SIGNALS:
    void frameReceived(int connectionId, const QByteArray &frame, qint64 receivedNs);
    void stateChanged(int connectionId, polymon::FeedConnection::State state, const QString &detail);
    void assetsInvalidated(int connectionId, const QStringList &assetIds);
    void reconnectScheduled(int connectionId, int delayMs, const QString &reason);

private:
    FeedConnection *connectionWithRoom();

    FeedSettings m_settings;
    std::vector<std::unique_ptr<FeedConnection>> m_connections;
    QHash<QString, FeedConnection *> m_owner;
};

} // namespace polymon
