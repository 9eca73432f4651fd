#pragma once

#include "analysis/signalengine.h"
#include "book/booklistener.h"
#include "book/bookstore.h"
#include "feed/marketfeed.h"
#include "protocol/frameparser.h"
#include "resyncscheduler.h"
#include "book/tradeprint.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

namespace polymon {

// Owns a frame source (the live feed of one endpoint, or a recording), the
// parser and the books: frames in, exact books and status out. Lives in one
// thread; nothing here blocks.
class MarketMonitor final : public QObject, private BookListener, private SignalListener
{
    Q_OBJECT
public:
    // The live feed of settings.endpoint.
    explicit MarketMonitor(const FeedSettings &settings, QObject *parent = nullptr);
    // Any source; `policy` gives the resync cooldowns and deadlines (they
    // only act on a live source).
    MarketMonitor(std::unique_ptr<FrameSource> source, const FeedSettings &policy, QObject *parent = nullptr);
    ~MarketMonitor() override;

    void subscribe(const QStringList &assetIds);
    void unsubscribe(const QStringList &assetIds);
    void stop();

    // Sees every applied top, trade and resync in this thread, synchronously.
    void setBookListener(BookListener *listener) { m_external = listener; }
    // Runs the signal engine on every book (signalFired / outcomeResolved).
    void enableSignals(const SignalSettings &settings);
    SignalEngine *signalEngine() noexcept { return m_signals.get(); }
    const SignalEngine *signalEngine() const noexcept { return m_signals.get(); }

    const BookStore &books() const noexcept { return m_store; }
    FrameSource &source() noexcept { return *m_source; }
    // The live feed, or null when a recording plays.
    const MarketFeed *liveFeed() const noexcept { return m_liveFeed; }
    // The live feed (tests and tools that know the source is live).
    const MarketFeed &feed() const noexcept
    {
        Q_ASSERT(m_liveFeed);
        return *m_liveFeed;
    }
    const FrameParserStats &parserStats() const noexcept { return m_parser.stats(); }
    // Frame arrival to book applied, median of the last 1024 frames.
    qint64 latencyP50Ns() const;
    // Books refreshed by the periodic forced resync so far.
    quint64 forcedResyncs() const noexcept { return m_forcedResyncs; }
    // Fresh books asked for because one was lost or late (not counting forced ones).
    quint64 resyncRequests() const noexcept { return m_resyncRequests; }
    // Assets whose fresh book has not arrived yet.
    int awaitingBooks() const { return m_resync.awaitingCount(); }

Q_SIGNALS:
    void connectionStateChanged(int connectionId, polymon::FeedConnection::State state, const QString &detail);
    // Every frame as received, before it is parsed (the raw capture).
    void frameReceived(int connectionId, const QByteArray &frame, qint64 receivedNs);
    void reconnectScheduled(int connectionId, int delayMs, const QString &reason);
    void assetsStale(const QStringList &assetIds);
    void bookRestored(const QString &assetId);
    void assetUnsynced(const QString &assetId, const QString &reason);
    void tradeReceived(const polymon::TradePrint &trade);
    void parseErrorOccurred(const QString &reason);
    void signalFired(const polymon::Signal &signal);
    void outcomeResolved(const polymon::Signal &signal);
    // The exchange's market_resolved: the market's tokens trade no more.
    void marketResolved(const QString &conditionId, const QStringList &assetIds, const QString &winningOutcome);

private:
    void onFrame(int connectionId, const QByteArray &frame, qint64 receivedNs);
    void onCheckpoint(const QByteArray &payload);
    void onAssetsInvalidated(int connectionId, const QStringList &assetIds);
    void forceResyncDue();
    void retryDue();
    void onConnectionState(int connectionId, FeedConnection::State state);
    void requestBook(const QString &assetId);

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void onResyncNeeded(const AssetBook &asset, ResyncReason reason) override;
    void onTrade(const AssetBook &asset, const LastTradeEvent &event) override;
    void onTickSize(const AssetBook &asset, const TickSizeEvent &event) override;
    void onMarketLifecycle(const MarketLifecycleEvent &event) override;
    void onParseError(std::string_view reason) override;
    void onSignal(const Signal &signal) override;
    void onOutcome(const Signal &signal) override;

    FeedSettings m_settings;
    std::unique_ptr<FrameSource> m_source;
    MarketFeed *m_liveFeed = nullptr; // m_source when it is the live feed
    FrameParser m_parser;
    BookStore m_store;
    BookListener *m_external = nullptr;
    std::unique_ptr<SignalEngine> m_signals;
    ResyncScheduler m_resync;
    QTimer m_resyncTimer; // asks again for books that were lost or are late
    quint64 m_resyncRequests = 0;
    QHash<QString, qint64> m_freshSinceMs; // when each asset last asked for a whole book
    QTimer m_forcedResync;
    quint64 m_forcedResyncs = 0;
    std::vector<qint64> m_latencies;
    std::size_t m_latencyNext = 0;
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::Signal)
