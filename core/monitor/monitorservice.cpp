#include "monitorservice.h"

#include "sim/simexchange.h"
#include "sim/simwarmup.h"
#include "session/captureplayer.h"
#include "session/recordingservice.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcService, "polymon.service", QtInfoMsg)

namespace polymon {

namespace {
constexpr qsizetype kMaxPendingTrades = 5000;
constexpr qsizetype kStatusChunk = 50;
constexpr int kFirstStatusCheckMs = 5000;
constexpr qint64 kHistoryMs = 60 * 60'000; // what a chart shows of the past at start
}

MonitorService::MonitorService(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_snapshotTimer(this) // children, so moveToThread takes them along
    , m_statusTimer(this)
    , m_catalogTimer(this)
{
    qRegisterMetaType<polymon::MarketInfo>();
    qRegisterMetaType<QList<polymon::MarketInfo>>();
    qRegisterMetaType<polymon::TopSnapshot>();
    qRegisterMetaType<QList<polymon::TopSnapshot>>();
    qRegisterMetaType<polymon::FeedStatus>();
    qRegisterMetaType<polymon::TradePrint>();
    qRegisterMetaType<QList<polymon::TradePrint>>();
    qRegisterMetaType<polymon::Signal>();
    qRegisterMetaType<polymon::AssetHistory>();
    // Connected once here: start() runs again when the user tries live
    // after --sim, and a second connection would double every tick.
    // Paced to an exact rate: a single shot aimed at the next deadline, so
    // timer slack neither exceeds nor drifts below it.
    m_snapshotTimer.setSingleShot(true);
    m_snapshotTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &MonitorService::publish);
    m_statusTimer.setInterval(m_options.statusCheckMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &MonitorService::checkWatchedStatus);
    m_catalogTimer.setInterval(m_options.catalogRefreshMs);
    connect(&m_catalogTimer, &QTimer::timeout, this, [this] {
        if (m_simulated || !m_gamma || !m_liveStarted || m_loadingPage)
            return;
        m_loadingPage = true;
        m_refreshing = true;
        m_gamma->fetchActive(m_options.catalogPageSize, 0);
    });
}

MonitorService::~MonitorService() = default;

void MonitorService::start()
{
    m_clock.start();
    if (m_options.forceSimulated) {
        startSimulated(tr("started with --sim"));
        return;
    }
    m_gamma = new GammaClient(this);
    if (m_options.gammaUrl.isValid())
        m_gamma->setBaseUrl(m_options.gammaUrl);
    m_gamma->setTimeoutMs(m_options.gammaTimeoutMs);
    connect(m_gamma, &GammaClient::pageLoaded, this, &MonitorService::onPage);
    connect(m_gamma, &GammaClient::loadFailed, this, [this](const QString &error) {
        m_loadingPage = false;
        if (m_refreshing) {
            m_refreshing = false; // the list stays as it was; the next refresh may work
            qCInfo(lcService) << "catalog refresh failed:" << error;
        } else if (m_liveStarted) {
            Q_EMIT catalogFailed(error); // a later page: the live feed goes on
        } else if (m_options.simulatedOnFailure) {
            startSimulated(tr("Polymarket is unreachable (%1)").arg(error));
        } else {
            qCWarning(lcService) << "Polymarket unreachable:" << error;
            Q_EMIT networkFailed(error);
        }
    });
    connect(m_gamma, &GammaClient::statusLoaded, this, &MonitorService::onStatus);
    connect(m_gamma, &GammaClient::searchLoaded, this, [this](const QString &text, const QList<MarketInfo> &markets) {
        recordMarkets(markets);
        Q_EMIT searchResults(text, markets);
    });
    connect(m_gamma, &GammaClient::searchFailed, this, &MonitorService::searchFailed);
    connect(m_gamma, &GammaClient::statusFailed, this,
            [](const QString &error) { qCInfo(lcService) << "market status check failed:" << error; });
    fetchLive();
}

void MonitorService::fetchLive()
{
    m_catalogOffset = 0;
    m_loadingPage = true;
    m_gamma->fetchActive(m_options.catalogPageSize, 0);
}

void MonitorService::retryLive()
{
    if (!m_gamma) {
        // Started with --sim: the Gamma client was never made.
        m_options.forceSimulated = false;
        m_options.simulatedOnFailure = false;
        teardown();
        start();
        return;
    }
    m_options.simulatedOnFailure = false; // the user asked for live: say so if it fails
    teardown();
    fetchLive();
}

void MonitorService::useSimulated()
{
    const bool fromReplay = m_player != nullptr;
    teardown();
    startSimulated(fromReplay ? tr("back from a replay") : tr("chosen after a network failure"));
}

void MonitorService::loadMoreMarkets()
{
    if (m_simulated || !m_gamma || m_loadingPage)
        return;
    m_loadingPage = true;
    m_gamma->fetchActive(m_options.catalogPageSize, m_catalogOffset);
}

void MonitorService::searchMarkets(const QString &text)
{
    if (m_simulated || m_player || !m_gamma || text.trimmed().isEmpty())
        return;
    m_gamma->search(text.trimmed());
}

void MonitorService::onPage(const QList<MarketInfo> &markets, int offset, int received)
{
    m_loadingPage = false;
    if (m_refreshing) {
        m_refreshing = false;
        recordMarkets(markets);
        Q_EMIT catalogRefreshed(markets);
        return;
    }
    const bool first = offset == 0;
    m_catalogOffset = offset + received;
    const bool hasMore = received >= m_options.catalogPageSize;
    if (first) {
        m_simulated = false;
        m_catalog.clear();
        Q_EMIT modeChanged(false, tr("live Polymarket"));
    }
    m_catalog << markets;
    if (first && !m_liveStarted) {
        m_liveStarted = true;
        createMonitor(m_options.endpoint.isValid() ? m_options.endpoint : FeedSettings().endpoint);
        m_statusTimer.start();
        m_catalogTimer.start();
        // A restored watchlist may hold markets that closed while we were away.
        QTimer::singleShot(kFirstStatusCheckMs, this, &MonitorService::checkWatchedStatus);
    }
    recordMarkets(markets);
    Q_EMIT catalogPage(markets, first, hasMore);
}

void MonitorService::recordMarkets(const QList<MarketInfo> &markets)
{
    if (!m_recording)
        return;
    for (const MarketInfo &m : markets)
        m_recording->recordMarket(m);
}

void MonitorService::checkWatchedStatus()
{
    if (m_simulated || !m_gamma || m_watched.isEmpty())
        return;
    // In chunks, to keep each URL short.
    const QStringList ids = m_watched.keys();
    for (qsizetype i = 0; i < ids.size(); i += kStatusChunk)
        m_gamma->fetchStatus(ids.mid(i, kStatusChunk));
}

void MonitorService::onStatus(const QList<MarketInfo> &markets)
{
    for (const MarketInfo &m : markets) {
        if (!m_watched.contains(m.conditionId))
            continue;
        if (m.closed || !m.active)
            closeMarket(m.conditionId, m_watched.value(m.conditionId).tokenIds, tr("closed"));
    }
}

void MonitorService::startSimulated(const QString &reason)
{
    qCInfo(lcService) << "SIMULATED exchange:" << reason;
    m_simulated = true;
    m_simThread = std::make_unique<QThread>();
    m_simThread->setObjectName(QStringLiteral("simulator"));
    m_simThread->start();
    m_exchange = new SimExchange(m_options.seed, m_options.simMarkets);
    m_exchange->setRate(m_options.simRate);
    m_exchange->setEpisodesOnWatchedMarkets(true);
    m_exchange->moveToThread(m_simThread.get());
    bool listening = false;
    QString error;
    QUrl url;
    // Baselines are warmed from simulated past below, so episodes can start soon.
    const qint64 episodesAfterMs = 60'000;
    QMetaObject::invokeMethod(
        m_exchange,
        [&, exchange = m_exchange] {
            listening = exchange->listen(0);
            error = exchange->errorString();
            url = exchange->url();
            m_catalog = exchange->catalog();
            exchange->scheduleEpisodes(episodesAfterMs, 3 * 60'000LL);
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        Q_EMIT modeChanged(true, tr("the simulated exchange cannot listen: %1").arg(error));
        return;
    }
    Q_EMIT modeChanged(true, reason);
    createMonitor(url);
    // A fresh simulator has no past: learn its normal state from the same
    // seed's order flow over the full warm-up span, so signals can fire now.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 spanMs = qint64(m_options.signalSettings.fullWarmupMinutes) * 60'000;
    const std::uint64_t frames = SimWarmup::run(*m_monitor->signalEngine(), m_options.seed, m_options.simMarkets,
                                                std::min(m_options.simRate, 100.0), now - spanMs, now);
    qCInfo(lcService) << "baselines warmed from" << frames << "simulated frames over" << spanMs / 60'000 << "minutes";
    Q_EMIT catalogPage(m_catalog, true, false);
}

void MonitorService::createMonitor(const QUrl &endpoint)
{
    FeedSettings settings;
    settings.endpoint = endpoint;
    settings.maxAssetsPerConnection = m_options.assetsPerConnection;
    createMonitor(std::make_unique<MarketFeed>(settings), settings);
}

void MonitorService::createMonitor(std::unique_ptr<FrameSource> source, const FeedSettings &settings)
{
    m_monitor = std::make_unique<MarketMonitor>(std::move(source), settings);
    ++m_monitorGeneration;
    m_historyPending.clear();
    m_monitor->setBookListener(m_bookListener);
    m_monitor->enableSignals(m_options.signalSettings);
    connect(m_monitor.get(), &MarketMonitor::tradeReceived, this, [this](const TradePrint &trade) {
        m_pendingTrades << trade;
        if (m_pendingTrades.size() > kMaxPendingTrades)
            m_pendingTrades.remove(0, m_pendingTrades.size() - kMaxPendingTrades); // a tape shows the latest only
    });
    connect(m_monitor.get(), &MarketMonitor::signalFired, this, &MonitorService::signalFired);
    connect(m_monitor.get(), &MarketMonitor::outcomeResolved, this, &MonitorService::outcomeResolved);
    connect(m_monitor.get(), &MarketMonitor::marketResolved, this,
            [this](const QString &conditionId, const QStringList &assets, const QString &winner) {
                closeMarket(conditionId, assets,
                            winner.isEmpty() ? tr("resolved") : tr("resolved: %1 won").arg(winner));
            });
    // A replay records nothing: its frames are recorded already.
    if (!m_player && (!m_options.dbPath.isEmpty() || !m_options.captureDir.isEmpty())) {
        if (!m_recording) {
            RecordingService::Options recording;
            recording.dbPath = m_options.dbPath;
            recording.captureDir = m_options.captureDir;
            recording.captureKeepDays = m_options.captureKeepDays;
            recording.captureKeepBytes = m_options.captureKeepBytes;
            recording.signalHorizonMs = m_options.signalSettings.horizonMs;
            m_recording = std::make_unique<RecordingService>(recording);
        }
        m_recording->attach(*m_monitor, m_options.signalSettings.band,
                            m_simulated ? QStringLiteral("simulated") : QStringLiteral("live"));
        recordMarkets(m_catalog);
    }
    connect(m_monitor.get(), &MarketMonitor::connectionStateChanged, this,
            [this](int id, FeedConnection::State state, const QString &detail) {
                Q_EMIT connectionStateChanged(id, QString::fromLatin1(FeedConnection::stateName(state)), detail);
            });
    for (const MarketInfo &m : std::as_const(m_watched))
        subscribe(m);
    m_publishClock.start();
    m_nextPublishNs = 0;
    m_snapshotTimer.start(0);
}

void MonitorService::teardown()
{
    m_snapshotTimer.stop();
    m_statusTimer.stop();
    m_catalogTimer.stop();
    m_refreshing = false;
    if (m_monitor)
        m_monitor->stop();
    if (m_recording)
        m_recording->detach();
    m_player = nullptr; // owned by the monitor
    m_monitor.reset();
    if (m_exchange) {
        QMetaObject::invokeMethod(m_exchange, [exchange = m_exchange] { delete exchange; }, Qt::BlockingQueuedConnection);
        m_exchange = nullptr;
        m_simThread->quit();
        m_simThread->wait();
        m_simThread.reset();
    }
    m_watched.clear();
    m_closed.clear();
    m_catalog.clear();
    m_liveStarted = false;
}

void MonitorService::watch(const MarketInfo &market)
{
    if (market.tokenIds.isEmpty() || m_watched.contains(market.conditionId))
        return;
    m_watched.insert(market.conditionId, market);
    if (m_monitor)
        subscribe(market); // otherwise when the monitor starts
}

void MonitorService::subscribe(const MarketInfo &market)
{
    if (m_player || !m_recording || !m_recording->recordsToDatabase()) {
        m_monitor->subscribe(market.tokenIds);
        if (m_player)
            return;
        if (m_recording)
            m_recording->noteSubscribed(market);
        return;
    }
    m_recording->recordMarket(market);
    if (m_historyPending.contains(market.conditionId))
        return;
    // The recorded past is read on the reader thread; the subscription follows
    // it, so the baseline gets its samples in time order. Frames of the other
    // markets keep flowing meanwhile.
    m_historyPending.insert(market.conditionId);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const SignalSettings &ss = m_options.signalSettings;
    HistoryReader::Request request{market.tokenIds, now - kHistoryMs,
                                   now - qint64(ss.baselineBuckets) * ss.bucketSeconds * 1000, ss.sampleIntervalMs};
    const quint64 generation = m_monitorGeneration;
    m_recording->readHistory(
        request, this, [this, market, generation](const QList<AssetHistory> &histories) {
            m_historyPending.remove(market.conditionId);
            if (generation != m_monitorGeneration || !m_monitor || !m_watched.contains(market.conditionId))
                return; // unwatched, or another monitor since
            for (AssetHistory history : histories) {
                HistoryReader::seedBaseline(history, *m_monitor->signalEngine());
                history.baseline.clear(); // the chart needs points and signals only
                if (!history.empty())
                    Q_EMIT historyLoaded(history);
            }
            m_monitor->subscribe(market.tokenIds);
            m_recording->noteSubscribed(market);
        });
}

void MonitorService::unwatch(const QString &conditionId)
{
    const MarketInfo market = m_watched.take(conditionId);
    if (m_monitor && !market.tokenIds.isEmpty())
        m_monitor->unsubscribe(market.tokenIds);
}

void MonitorService::closeMarket(const QString &conditionId, const QStringList &tokens, const QString &reason)
{
    if (m_closed.contains(conditionId))
        return;
    m_closed.insert(conditionId);
    m_watched.remove(conditionId);
    if (m_monitor)
        m_monitor->unsubscribe(tokens);
    qCInfo(lcService) << "market" << conditionId << reason << "- unsubscribed";
    Q_EMIT marketClosed(conditionId, reason);
}

void MonitorService::setLadderAsset(const QString &tokenId)
{
    m_ladderAsset = tokenId;
}

void MonitorService::applySignalSettings(const SignalSettings &settings)
{
    m_options.signalSettings = settings;
    if (m_monitor && m_monitor->signalEngine())
        m_monitor->signalEngine()->updateSettings(settings);
    if (m_recording)
        m_recording->setBand(settings.band);
}

void MonitorService::exportCsv(const QString &path)
{
    if (!m_recording || !m_recording->recordsToDatabase()) {
        Q_EMIT exportFinished(false, tr("Not recording (started with --no-db): there is no signal history to export."));
        return;
    }
    m_recording->exportCsv(path, this, [this](bool ok, const QString &message) { Q_EMIT exportFinished(ok, message); });
}

void MonitorService::openRecording(const QString &path)
{
    auto player = std::make_unique<CapturePlayer>();
    QString error;
    if (!player->open(path, error)) {
        Q_EMIT replayFailed(tr("Cannot play %1: %2").arg(path, error));
        return; // whatever ran goes on
    }
    if (!m_player)
        m_simulatedBeforeReplay = m_simulated;
    teardown();
    m_simulated = false;
    m_player = player.get();
    connect(m_player, &CapturePlayer::positionChanged, this,
            [this](qint64 ns) { Q_EMIT replayPosition(ns, m_player->isPlaying()); });
    connect(m_player, &CapturePlayer::playingChanged, this,
            [this](bool playing) { Q_EMIT replayPosition(m_player->positionNs(), playing); });
    const QList<MarketInfo> markets = m_player->recordedMarkets();
    createMonitor(std::move(player), FeedSettings{});
    qCInfo(lcService) << "replaying" << path << markets.size() << "markets";
    Q_EMIT replayOpened(path, m_player->startNs(), m_player->endNs(), markets);
}

void MonitorService::leaveReplay()
{
    if (!m_player)
        return;
    if (m_simulatedBeforeReplay)
        useSimulated();
    else
        retryLive();
}

void MonitorService::replayPlay()
{
    if (m_player)
        m_player->play();
}

void MonitorService::replayPause()
{
    if (m_player)
        m_player->pause();
}

void MonitorService::replaySetSpeed(double speed)
{
    if (m_player)
        m_player->setSpeed(speed);
}

void MonitorService::replaySeek(qint64 timeNs)
{
    if (m_player)
        m_player->seek(timeNs);
}

void MonitorService::replayStep()
{
    if (m_player)
        m_player->step();
}

void MonitorService::stop()
{
    teardown();
    m_recording.reset(); // writes what is queued
}

void MonitorService::publish()
{
    if (!m_monitor)
        return;
    const qint64 periodNs = 1'000'000'000LL / std::max(1, m_options.snapshotsPerSecond);
    const qint64 nowNs = m_publishClock.nsecsElapsed();
    m_nextPublishNs = std::max(m_nextPublishNs + periodNs, nowNs + periodNs / 2);
    m_snapshotTimer.start(int((m_nextPublishNs - nowNs + 999'999) / 1'000'000));
    if (!m_pendingTrades.isEmpty()) {
        Q_EMIT tradesReady(m_pendingTrades);
        m_pendingTrades.clear();
    }
    const SignalEngine *engine = m_monitor->signalEngine();
    const SignalSettings &ss = m_options.signalSettings;
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
        t.updates = a.updates;
        t.health = Health::evaluate(t.metrics, a.lastUpdateMs, wallMs, ss);
        t.quietness = Quietness::evaluate(a, wallMs);
        if (const RollingBaseline *b = engine ? engine->baseline(a.assetId) : nullptr)
            t.warmMinutes = b->warmBuckets() * ss.bucketSeconds / 60;
        t.warmTargetMinutes = ss.fullWarmupMinutes;
        t.minWarmupMinutes = ss.minWarmupMinutes;
        if (t.assetId == m_ladderAsset) {
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
    FeedStatus status;
    if (const MarketFeed *feed = m_monitor->liveFeed()) {
        status.connections = feed->connectionCount();
        status.connected = feed->connectedCount();
    }
    status.frames = m_monitor->parserStats().frames;
    status.parseErrors = m_monitor->parserStats().errors;
    status.desyncs = m_monitor->books().stats().desyncs;
    status.latencyP50Ns = m_monitor->latencyP50Ns();
    status.watched = int(m_monitor->books().size());
    status.signalsFired = engine ? engine->signalCount() : 0;
    if (m_recording && m_recording->recordsToDatabase()) {
        const StorageStats st = m_recording->databaseStats();
        status.dbPath = m_options.dbPath;
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
    Q_EMIT snapshotsReady(tops, status);
}

} // namespace polymon
