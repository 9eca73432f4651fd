#include "marketmonitor.h"

#include "capture/bookcheckpoint.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMonitor, "polymon.monitor", QtInfoMsg)

namespace polymon {

namespace {
constexpr std::size_t kLatencySamples = 1024;
QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

MarketMonitor::MarketMonitor(const FeedSettings &settings, QObject *parent)
    : MarketMonitor(std::make_unique<MarketFeed>(settings), settings, parent)
{
}

MarketMonitor::MarketMonitor(std::unique_ptr<FrameSource> source, const FeedSettings &policy, QObject *parent)
    : QObject(parent)
    , m_settings(policy)
    , m_source(std::move(source))
    , m_liveFeed(qobject_cast<MarketFeed *>(m_source.get()))
    , m_store(this)
    , m_resync(ResyncScheduler::Policy{policy.resyncCooldownMs, policy.bookDeadlineMs, policy.resyncMaxMs,
                                       policy.stableResetMs})
{
    m_latencies.reserve(kLatencySamples);
    m_store.setTrackUnknownAssets(false);
    connect(m_source.get(), &FrameSource::frameReceived, this, &MarketMonitor::frameReceived);
    connect(m_source.get(), &FrameSource::frameReceived, this, &MarketMonitor::onFrame);
    connect(m_source.get(), &FrameSource::assetsInvalidated, this, &MarketMonitor::onAssetsInvalidated);
    connect(m_source.get(), &FrameSource::checkpointReached, this, &MarketMonitor::onCheckpoint);
    if (!m_liveFeed)
        return; // a recording: nothing to ask for, nothing to watch over
    connect(m_liveFeed, &MarketFeed::stateChanged, this, &MarketMonitor::connectionStateChanged);
    connect(m_liveFeed, &MarketFeed::reconnectScheduled, this, &MarketMonitor::reconnectScheduled);
    connect(m_liveFeed, &MarketFeed::stateChanged, this, &MarketMonitor::onConnectionState);
    // Often enough to honour the shortest of the cooldown and the deadline.
    m_resyncTimer.setInterval(std::clamp(std::min(policy.resyncCooldownMs, policy.bookDeadlineMs) / 4, 20, 1'000));
    connect(&m_resyncTimer, &QTimer::timeout, this, &MarketMonitor::retryDue);
    m_resyncTimer.start();
    if (policy.forcedResyncMs > 0) {
        // Ticks often enough to spread the refreshes evenly over the interval.
        m_forcedResync.setInterval(std::clamp(policy.forcedResyncMs / 60, 250, 30'000));
        connect(&m_forcedResync, &QTimer::timeout, this, &MarketMonitor::forceResyncDue);
        m_forcedResync.start();
    }
}

void MarketMonitor::forceResyncDue()
{
    const qint64 now = steadyNowNs() / 1'000'000;
    const qint64 interval = m_settings.forcedResyncMs;
    // Assets subscribed together come due together: refresh a share per tick.
    const qsizetype perTick = std::max<qsizetype>(1, m_freshSinceMs.size() * m_forcedResync.interval() / interval + 1);
    qsizetype done = 0;
    for (auto it = m_freshSinceMs.begin(); it != m_freshSinceMs.end() && done < perTick; ++it) {
        if (now - it.value() < interval || m_resync.awaiting(it.key()))
            continue;
        it.value() = now;
        m_source->requestBook(it.key());
        ++m_forcedResyncs;
        ++done;
    }
}

MarketMonitor::~MarketMonitor() = default;

void MarketMonitor::enableSignals(const SignalSettings &settings)
{
    qRegisterMetaType<polymon::Signal>();
    m_signals = std::make_unique<SignalEngine>(settings, static_cast<SignalListener *>(this));
    // Decided on event time only, as a replay of the same frames is: each
    // exchange timestamp is evaluated when a later one arrives, never on a
    // wall-clock timer (which could split one timestamp's updates in two).
}

void MarketMonitor::onSignal(const Signal &signal)
{
    Q_EMIT signalFired(signal);
}

void MarketMonitor::onOutcome(const Signal &signal)
{
    Q_EMIT outcomeResolved(signal);
}

void MarketMonitor::subscribe(const QStringList &assetIds)
{
    const qint64 now = steadyNowNs() / 1'000'000;
    for (const QString &id : assetIds) {
        m_store.track(id.toStdString());
        m_resync.asked(id, now);
        m_freshSinceMs.insert(id, now);
    }
    m_source->subscribe(assetIds);
}

void MarketMonitor::unsubscribe(const QStringList &assetIds)
{
    m_source->unsubscribe(assetIds);
    for (const QString &id : assetIds) {
        m_store.remove(id.toStdString());
        if (m_signals)
            m_signals->forget(id.toStdString());
        m_resync.forget(id);
        m_freshSinceMs.remove(id);
    }
}

void MarketMonitor::stop()
{
    m_source->stop();
}

qint64 MarketMonitor::latencyP50Ns() const
{
    if (m_latencies.empty())
        return 0;
    std::vector<qint64> sorted = m_latencies;
    const auto middle = sorted.begin() + std::ptrdiff_t(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    return *middle;
}

void MarketMonitor::onFrame(int, const QByteArray &frame, qint64 receivedNs)
{
    m_parser.parse(std::string_view(frame.constData(), std::size_t(frame.size())), m_store);
    const qint64 latency = steadyNowNs() - receivedNs;
    if (m_latencies.size() < kLatencySamples) {
        m_latencies.push_back(latency);
    } else {
        m_latencies[m_latencyNext] = latency;
        m_latencyNext = (m_latencyNext + 1) % kLatencySamples;
    }
}

void MarketMonitor::onCheckpoint(const QByteArray &payload)
{
    // A seek: the recording's books at that moment replace ours.
    if (!BookCheckpoint::restore(std::string_view(payload.constData(), std::size_t(payload.size())), m_store)) {
        qCWarning(lcMonitor) << "a checkpoint of the recording is damaged; books wait for their next snapshot";
        return;
    }
    const qint64 now = steadyNowNs() / 1'000'000;
    m_store.forEach([&](const AssetBook &a) {
        const QString id = QString::fromStdString(a.assetId);
        if (a.synced())
            m_resync.synced(id, now);
    });
}

void MarketMonitor::onAssetsInvalidated(int, const QStringList &assetIds)
{
    // Books are discarded: they missed whatever happened while the link was down.
    const qint64 now = steadyNowNs() / 1'000'000;
    for (const QString &id : assetIds) {
        m_store.markAwaitingBook(id.toStdString());
        m_resync.asked(id, now); // the reconnect sends the whole subscription again
        m_freshSinceMs.insert(id, now);
    }
    Q_EMIT assetsStale(assetIds);
}

void MarketMonitor::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    if (m_resync.awaitingCount() > 0) {
        const QString id = QString::fromStdString(asset.assetId);
        if (m_resync.awaiting(id)) {
            m_resync.synced(id, steadyNowNs() / 1'000'000);
            Q_EMIT bookRestored(id);
        }
    }
    if (m_signals)
        m_signals->onTop(asset, timestampMs);
    if (m_external)
        m_external->onTop(asset, timestampMs);
}

void MarketMonitor::onResyncNeeded(const AssetBook &asset, ResyncReason reason)
{
    const QString id = QString::fromStdString(asset.assetId);
    qCInfo(lcMonitor) << "resync" << id.left(12) << resyncReasonName(reason);
    Q_EMIT assetUnsynced(id, QString::fromUtf8(resyncReasonName(reason)));
    if (m_external)
        m_external->onResyncNeeded(asset, reason);
    // At once the first time; when the exchange keeps disagreeing, at the end
    // of the cooldown, backing off (retryDue asks then).
    if (m_resync.lost(id, steadyNowNs() / 1'000'000))
        requestBook(id);
}

void MarketMonitor::requestBook(const QString &assetId)
{
    m_freshSinceMs.insert(assetId, steadyNowNs() / 1'000'000);
    ++m_resyncRequests;
    m_source->requestBook(assetId);
}

void MarketMonitor::retryDue()
{
    const QStringList due = m_resync.takeDue(steadyNowNs() / 1'000'000);
    for (const QString &id : due) {
        qCInfo(lcMonitor) << "asking again for the book of" << id.left(12) << "attempt" << m_resync.streak(id);
        requestBook(id);
    }
}

void MarketMonitor::onConnectionState(int connectionId, FeedConnection::State state)
{
    if (state != FeedConnection::State::Connected || !m_liveFeed || connectionId >= m_liveFeed->connectionCount())
        return;
    // The whole subscription was just sent again: the deadlines start now.
    const qint64 now = steadyNowNs() / 1'000'000;
    for (const QString &id : m_liveFeed->connection(connectionId)->assets()) {
        if (m_resync.awaiting(id))
            m_resync.asked(id, now);
    }
}

void MarketMonitor::onTrade(const AssetBook &asset, const LastTradeEvent &event)
{
    if (m_signals)
        m_signals->onTrade(asset, event);
    if (m_external)
        m_external->onTrade(asset, event);
    TradePrint t;
    t.assetId = QString::fromStdString(asset.assetId);
    t.timestampMs = event.timestampMs;
    t.price = event.price;
    t.size = event.size;
    t.side = event.side;
    Q_EMIT tradeReceived(t);
}

void MarketMonitor::onTickSize(const AssetBook &asset, const TickSizeEvent &event)
{
    // The exact levels stay valid, but other clients saw books go wrong around
    // tick changes: confirm this one with a fresh snapshot (a replay keeps it).
    if (asset.synced())
        m_source->requestBook(QString::fromStdString(asset.assetId));
    if (m_external)
        m_external->onTickSize(asset, event);
}

void MarketMonitor::onMarketLifecycle(const MarketLifecycleEvent &event)
{
    if (m_external)
        m_external->onMarketLifecycle(event);
    if (!event.resolved)
        return;
    qCInfo(lcMonitor) << "market resolved" << toQString(event.market) << "winner" << toQString(event.winningOutcome);
    QStringList assets;
    for (std::string_view id : event.assetIds)
        assets << toQString(id);
    Q_EMIT marketResolved(toQString(event.market), assets, toQString(event.winningOutcome));
}

void MarketMonitor::onParseError(std::string_view reason)
{
    const QString text = toQString(reason);
    qCWarning(lcMonitor) << "malformed frame:" << text;
    Q_EMIT parseErrorOccurred(text);
}

} // namespace polymon
