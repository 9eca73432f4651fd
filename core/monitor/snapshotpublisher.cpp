#include "snapshotpublisher.h"

#include "analysis/health.h"
#include "analysis/quietness.h"
#include "marketmonitor.h"
#include "session/captureplayer.h"
#include "session/recordingservice.h"

#include <QDateTime>

#include <algorithm>

namespace polymon {

namespace {
constexpr qsizetype kMaxPendingTrades = 5000;
}

SnapshotPublisher::SnapshotPublisher(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_timer(this) // a child, so moveToThread takes it along
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SnapshotPublisher::publish);
    m_clock.start();
}

void SnapshotPublisher::start(const MarketMonitor *monitor, const RecordingService *recording, const CapturePlayer *player)
{
    m_monitor = monitor;
    m_recording = recording;
    m_player = player;
    m_nextPublishNs = 0;
    m_lastFrames = 0; // a new monitor counts its frames from 0
    m_lastRateMs = 0;
    m_framesPerSecond = 0.0;
    m_timer.start(0);
}

void SnapshotPublisher::stop()
{
    m_timer.stop();
    m_monitor = nullptr;
    m_recording = nullptr;
    m_player = nullptr;
}

void SnapshotPublisher::addTrade(const TradePrint &trade)
{
    m_pendingTrades << trade;
    if (m_pendingTrades.size() > kMaxPendingTrades)
        m_pendingTrades.remove(0, m_pendingTrades.size() - kMaxPendingTrades);
}

void SnapshotPublisher::publish()
{
    if (!m_monitor)
        return;
    const qint64 periodNs = 1'000'000'000LL / std::max(1, m_options.snapshotsPerSecond);
    const qint64 nowNs = m_clock.nsecsElapsed();
    m_nextPublishNs = std::max(m_nextPublishNs + periodNs, nowNs + periodNs / 2);
    m_timer.start(int((m_nextPublishNs - nowNs + 999'999) / 1'000'000));
    if (!m_pendingTrades.isEmpty()) {
        Q_EMIT tradesReady(m_pendingTrades);
        m_pendingTrades.clear();
    }
    const SignalEngine *engine = m_monitor->signalEngine();
    const SignalSettings &ss = m_settings;
    // Freshness against the recording's clock in a replay, the wall clock live.
    const qint64 wallMs = m_player ? m_player->positionNs() / 1'000'000 : QDateTime::currentMSecsSinceEpoch();
    QList<TopSnapshot> tops;
    tops.reserve(qsizetype(m_monitor->books().size()));
    m_monitor->books().forEach([&](const AssetBook &a) {
        TopSnapshot t;
        t.assetId = QString::fromStdString(a.assetId);
        t.metrics = a.book.metrics(ss.band);
        t.state = a.state;
        t.crossed = a.crossed;
        t.lastUpdateMs = a.lastUpdateMs;
        t.tickSize = a.tickSize;
        t.updates = a.updates;
        t.health = Health::evaluate(t.metrics, a.lastUpdateMs, wallMs, ss);
        t.quietness = Quietness::evaluate(a, wallMs);
        if (const RollingBaseline *b = engine ? engine->baseline(a.assetId) : nullptr)
            t.warmMinutes = b->warmMinutes();
        t.warmTargetMinutes = ss.fullWarmupMinutes;
        t.minWarmupMinutes = ss.minWarmupMinutes;
        if (m_ladderAssets.contains(t.assetId)) {
            const auto bids = a.book.bids();
            const auto asks = a.book.asks();
            const std::size_t levels = std::size_t(m_options.ladderLevels);
            for (std::size_t i = 0; i < bids.size() && i < levels; ++i)
                t.bids << bids[bids.size() - 1 - i];
            for (std::size_t i = 0; i < asks.size() && i < levels; ++i)
                t.asks << asks[asks.size() - 1 - i];
        }
        tops << t;
    });
    Q_EMIT snapshotsReady(tops, status(wallMs));
}

FeedStatus SnapshotPublisher::status(qint64 clockMs)
{
    FeedStatus status;
    status.clockMs = clockMs;
    if (const MarketFeed *feed = m_monitor->liveFeed()) {
        status.connections = feed->connectionCount();
        status.connected = feed->connectedCount();
    }
    status.frames = m_monitor->parserStats().frames;
    status.parseErrors = m_monitor->parserStats().errors;
    status.desyncs = m_monitor->books().stats().desyncs;
    status.latencyP50Ns = m_monitor->latencyP50Ns();
    status.watched = int(m_monitor->books().size());
    status.signalsFired = m_monitor->signalEngine() ? m_monitor->signalEngine()->signalCount() : 0;
    if (m_recording && m_recording->recordsToDatabase()) {
        const StorageStats st = m_recording->databaseStats();
        status.dbPath = m_recording->databasePath();
        status.dbQueued = st.queued;
        status.dbWritten = st.written;
        status.dbDropped = st.dropped;
        status.dbRejected = st.rejected;
        status.dbError = st.lastError;
    }
    if (m_recording) {
        const RecordingService::CaptureStatus cs = m_recording->captureStatus();
        status.capturePath = cs.path;
        status.captureBytes = qint64(cs.bytes);
        status.captureStartedMs = cs.startedMs;
        status.captureLost = qint64(cs.lost);
        status.captureError = cs.lost > 0 ? cs.error : QString();
    }
    // Rate over windows of about a second, so the figure does not flicker.
    const qint64 now = m_clock.elapsed();
    if (now - m_lastRateMs >= 1000) {
        if (m_lastRateMs > 0)
            m_framesPerSecond = double(status.frames - m_lastFrames) * 1000.0 / double(now - m_lastRateMs);
        m_lastFrames = status.frames;
        m_lastRateMs = now;
    }
    status.framesPerSecond = m_framesPerSecond;
    return status;
}

} // namespace polymon
