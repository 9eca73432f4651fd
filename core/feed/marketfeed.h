#pragma once

#include "feedconnection.h"
#include "feedsettings.h"
#include "session/framesource.h"

#include <QHash>
#include <QStringList>

#include <memory>
#include <vector>

namespace polymon {

// All connections of one endpoint: the live frame source. Assets are spread
// so that no connection carries more than maxAssetsPerConnection; connections
// open on demand.
class MarketFeed final : public FrameSource
{
    Q_OBJECT
public:
    explicit MarketFeed(const FeedSettings &settings, QObject *parent = nullptr);
    ~MarketFeed() override;

    void subscribe(const QStringList &assetIds) override;
    void unsubscribe(const QStringList &assetIds) override;
    // Unsubscribes and subscribes the asset on its open connection.
    bool requestBook(const QString &assetId) override;
    void stop() override { closeAll(); }
    bool isLive() const override { return true; }
    void closeAll();

    const FeedSettings &settings() const noexcept { return m_settings; }
    int connectionCount() const noexcept { return int(m_connections.size()); }
    const FeedConnection *connection(int index) const { return m_connections.at(std::size_t(index)).get(); }
    QStringList assets() const { return m_owner.keys(); }
    int connectedCount() const;

Q_SIGNALS:
    void stateChanged(int connectionId, polymon::FeedConnection::State state, const QString &detail);
    void reconnectScheduled(int connectionId, int delayMs, const QString &reason);

private:
    FeedConnection *connectionWithRoom();

    FeedSettings m_settings;
    std::vector<std::unique_ptr<FeedConnection>> m_connections;
    QHash<QString, FeedConnection *> m_owner;
};

} // namespace polymon
