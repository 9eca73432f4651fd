#include "monitorservice.h"

#include "clob/clobrestclient.h"
#include "sim/simclob.h"

#include "trading/tradingservice.h"

#include "catalog/catalogservice.h"
#include "sim/simexchange.h"
#include "sim/simwarmup.h"
#include "session/captureplayer.h"
#include "snapshotpublisher.h"
#include "session/rangecapture.h"
#include "session/recordingservice.h"
#include "storage/storagewriter.h"

#include <QDir>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcService, "polymon.service", QtInfoMsg)

namespace polymon {

namespace {
constexpr qint64 kHistoryMs = 60 * 60'000; // what a chart shows of the past at start
}

MonitorService::MonitorService(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_publisher(new SnapshotPublisher(SnapshotPublisher::Options{options.snapshotsPerSecond, options.ladderLevels},
                                        this)) // a child, so moveToThread takes it along
    , m_trading(new TradingService(this))
{
    qRegisterMetaType<polymon::MarketInfo>();
    qRegisterMetaType<QList<polymon::MarketInfo>>();
    qRegisterMetaType<polymon::TopSnapshot>();
    qRegisterMetaType<QList<polymon::TopSnapshot>>();
    qRegisterMetaType<std::vector<polymon::MarketEvent>>();
    qRegisterMetaType<polymon::FeedStatus>();
    qRegisterMetaType<polymon::TradePrint>();
    qRegisterMetaType<QList<polymon::TradePrint>>();
    qRegisterMetaType<polymon::Signal>();
    qRegisterMetaType<polymon::AssetHistory>();
    // Connected once here: start() runs again when the user tries live
    // after --sim, and a second connection would double every tick.
    m_publisher->setSignalSettings(m_options.signalSettings);
    connect(m_publisher, &SnapshotPublisher::snapshotsReady, this, &MonitorService::snapshotsReady);
    connect(m_publisher, &SnapshotPublisher::tradesReady, this, &MonitorService::tradesReady);
}

MonitorService::~MonitorService() = default;

void MonitorService::start()
{
    if (m_options.forceSimulated) {
        startSimulated(tr("started with --sim"));
        return;
    }
    if (!m_catalogService) {
        CatalogService::Options catalog;
        catalog.gammaUrl = m_options.gammaUrl;
        catalog.timeoutMs = m_options.gammaTimeoutMs;
        catalog.pageSize = m_options.catalogPageSize;
        catalog.statusCheckMs = m_options.statusCheckMs;
        catalog.refreshMs = m_options.catalogRefreshMs;
        m_catalogService = new CatalogService(catalog, this);
        connect(m_catalogService, &CatalogService::pageLoaded, this, &MonitorService::onPage);
        connect(m_catalogService, &CatalogService::loadFailed, this, [this](const QString &error, bool firstPage) {
            if (!firstPage || m_liveStarted) {
                Q_EMIT catalogFailed(error); // a later page: the live feed goes on
            } else if (m_options.simulatedOnFailure) {
                startSimulated(tr("Polymarket is unreachable (%1)").arg(error));
            } else {
                qCWarning(lcService) << "Polymarket unreachable:" << error;
                Q_EMIT networkFailed(error);
            }
        });
        connect(m_catalogService, &CatalogService::refreshed, this, [this](const QList<MarketInfo> &markets) {
            recordMarkets(markets);
            Q_EMIT catalogRefreshed(markets);
        });
        connect(m_catalogService, &CatalogService::searchResults, this, [this](const QString &text, const QList<MarketInfo> &markets) {
            recordMarkets(markets);
            Q_EMIT searchResults(text, markets);
        });
        connect(m_catalogService, &CatalogService::searchFailed, this, &MonitorService::searchFailed);
        connect(m_catalogService, &CatalogService::eventLoaded, this, [this](const QString &eventId, const QList<MarketInfo> &markets) {
            recordMarkets(markets);
            Q_EMIT eventLoaded(eventId, markets);
        });
        connect(m_catalogService, &CatalogService::eventFailed, this, &MonitorService::eventFailed);
        connect(m_catalogService, &CatalogService::marketsClosed, this, [this](const QList<MarketInfo> &markets) {
            for (const MarketInfo &m : markets) {
                if (m_watched.contains(m.conditionId))
                    closeMarket(m.conditionId, m_watched.value(m.conditionId).tokenIds, tr("closed"));
            }
        });
    }
    fetchLive();
}

void MonitorService::fetchLive()
{
    m_catalogService->fetchFirst();
}

void MonitorService::retryLive()
{
    if (!m_catalogService) {
        // Started with --sim: the catalog was never made.
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
    if (m_simulated || !m_catalogService)
        return;
    m_catalogService->loadMore();
}

void MonitorService::searchMarkets(const QString &text)
{
    // Searching all of Polymarket needs it live; say so rather than do nothing.
    if (m_simulated || m_player || !m_catalogService) {
        Q_EMIT searchFailed(m_player ? tr("a recording is playing: only its markets are listed (the filter still works)")
                                     : tr("searching all of Polymarket needs live Polymarket; the simulator lists only "
                                          "its own markets (the filter still works)"));
        return;
    }
    m_catalogService->search(text);
}

void MonitorService::fetchEvent(const QString &eventId)
{
    if (!m_simulated && !m_player && m_catalogService) {
        m_catalogService->fetchEvent(eventId);
        return;
    }
    // The simulator and a replay know every market they have.
    QList<MarketInfo> markets;
    for (const MarketInfo &m : std::as_const(m_catalog))
        if (m.eventId == eventId)
            markets << m;
    if (markets.isEmpty())
        Q_EMIT eventFailed(tr("no market of event %1 is known here").arg(eventId));
    else
        Q_EMIT eventLoaded(eventId, markets);
}

void MonitorService::onPage(const QList<MarketInfo> &markets, bool first, bool hasMore)
{
    if (first) {
        m_simulated = false;
        m_catalog.clear();
        Q_EMIT modeChanged(false, tr("live Polymarket"));
    }
    m_catalog << markets;
    if (first && !m_liveStarted) {
        m_liveStarted = true;
        createMonitor(m_options.endpoint.isValid() ? m_options.endpoint : FeedSettings().endpoint);
        m_catalogService->startUpkeep([this] { return m_watched.keys(); });
        askMarketRules(m_options.clobUrl);
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

void MonitorService::startSimulated(const QString &reason)
{
    qCInfo(lcService) << "SIMULATED exchange:" << reason;
    m_simulated = true;
    // Baselines are warmed from simulated past below, so episodes can start soon.
    SimulatorHost::Options options;
    options.seed = m_options.seed;
    options.markets = m_options.simMarkets;
    options.rate = m_options.simRate;
    options.episodesAfterMs = 60'000;
    m_sim = std::make_unique<SimulatorHost>();
    QString error;
    const bool listening = m_sim->start(options, error);
    m_catalog = m_sim->catalog();
    const QUrl url = m_sim->marketUrl();
    if (!listening) {
        Q_EMIT modeChanged(true, tr("the simulated exchange cannot listen: %1").arg(error));
        return;
    }
    Q_EMIT modeChanged(true, reason);
    createMonitor(url);
    if (!m_sim->clobUrl().isEmpty())
        askMarketRules(m_sim->clobUrl());
    // A fresh simulator has no past: learn its normal state from the same
    // seed's order flow over the full warm-up span, so signals can fire now.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 spanMs = qint64(m_options.signalSettings.fullWarmupMinutes) * 60'000;
    const std::uint64_t frames = SimWarmup::run(*m_monitor->signalEngine(), m_options.seed, m_options.simMarkets,
                                                std::min(m_options.simRate, 100.0), now - spanMs, now);
    qCInfo(lcService) << "baselines warmed from" << frames << "simulated frames over" << spanMs / 60'000 << "minutes";
    Q_EMIT catalogPage(m_catalog, true, false);
}

void MonitorService::recordEvents(const std::vector<MarketEvent> &events, const QString &source)
{
    if (!m_recording || !m_recording->writer())
        return;
    for (const MarketEvent &e : events)
        m_recording->writer()->enqueue(EventRow{e, source});
}

void MonitorService::askMarketRules(const QUrl &clob)
{
    m_rulesClient.reset();
    if (!clob.isValid())
        return;
    m_rulesClient = std::make_unique<ClobRestClient>(clob);
    connect(m_rulesClient.get(), &ClobRestClient::marketRulesLoaded, m_trading,
            [this](const QString &, const ClobMarketRules &rules) { m_trading->applyMarketRules(rules); });
    connect(m_rulesClient.get(), &ClobRestClient::failed, this, [](const QString &call, const QString &error) {
        // Gamma's rules stay in force; fees stay as Gamma knows them (none).
        qCInfo(lcService) << "CLOB" << call << "not read:" << error;
    });
    for (const MarketInfo &m : std::as_const(m_watched))
        m_rulesClient->fetchMarketRules(m.conditionId);
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
    m_listeners = BookListenerFanOut();
    m_listeners.add(m_bookListener);
    m_listeners.add(m_trading);
    m_monitor->setBookListener(&m_listeners);
    m_trading->setBooks(&m_monitor->books());
    m_monitor->enableSignals(m_options.signalSettings);
    connect(m_monitor.get(), &MarketMonitor::tradeReceived, m_publisher, &SnapshotPublisher::addTrade);
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
            recording.storeKeepDays = m_options.storeKeepDays;
            recording.signalHorizonMs = m_options.signalSettings.horizonMs;
            m_recording = std::make_unique<RecordingService>(recording);
        }
        m_recording->attach(*m_monitor, m_options.signalSettings.band,
                            m_simulated ? QStringLiteral("simulated") : QStringLiteral("live"));
        recordMarkets(m_catalog);
        m_trading->restorePaperAccount(m_options.dbPath, m_recording->writer());
    }
    // A replay trades a practice account of its own; live and simulated books the paper account.
    if (m_player)
        m_trading->usePracticeAccount();
    else
        m_trading->usePaperAccount();
    connect(m_monitor.get(), &MarketMonitor::connectionStateChanged, this,
            [this](int id, FeedConnection::State state, const QString &detail) {
                Q_EMIT connectionStateChanged(id, QString::fromLatin1(FeedConnection::stateName(state)), detail);
            });
    for (const MarketInfo &m : std::as_const(m_watched))
        subscribe(m);
    m_publisher->start(m_monitor.get(), m_recording.get(), m_player);
}

void MonitorService::teardown()
{
    m_publisher->stop();
    if (m_catalogService)
        m_catalogService->stopUpkeep();
    if (m_monitor)
        m_monitor->stop();
    if (m_recording)
        m_recording->detach();
    m_player = nullptr; // owned by the monitor
    m_trading->setBooks(nullptr); // the books go with the monitor
    m_monitor.reset();
    m_rulesClient.reset();
    if (m_sim) {
        m_trading->dropLive(tr("the simulated exchange stopped"));
        m_sim.reset();
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
    if (market.tokenIds.size() == 2)
        m_trading->addMarket(market.conditionId, market.tokenIds[0], market.tokenIds[1], market.minOrderSize, market.negRisk);
    if (m_rulesClient)
        m_rulesClient->fetchMarketRules(market.conditionId);
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

void MonitorService::setLadderAssets(const QStringList &tokenIds)
{
    m_publisher->setLadderAssets(tokenIds);
}

void MonitorService::applySignalSettings(const SignalSettings &settings)
{
    m_options.signalSettings = settings;
    m_publisher->setSignalSettings(settings);
    if (m_monitor && m_monitor->signalEngine())
        m_monitor->signalEngine()->updateSettings(settings);
    if (m_recording)
        m_recording->setBand(settings.band);
}

void MonitorService::readSignalQuality()
{
    if (!m_recording || !m_recording->recordsToDatabase()) {
        Q_EMIT signalQualityReady({}, 0, tr("Not recording (started with --no-db): there is no signal history."));
        return;
    }
    m_recording->readSignalQuality(this, [this](const QJsonObject &quality, int signals, const QString &error) {
        Q_EMIT signalQualityReady(quality, signals, error);
    });
}

void MonitorService::exportCsv(const QString &path, const SignalCsv::Filter &filter)
{
    if (!m_recording || !m_recording->recordsToDatabase()) {
        Q_EMIT exportFinished(false, tr("Not recording (started with --no-db): there is no signal history to export."));
        return;
    }
    m_recording->exportCsv(path, filter, this, [this](bool ok, const QString &message) { Q_EMIT exportFinished(ok, message); });
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
    Q_EMIT replayOpened(path, m_player->startNs(), m_player->endNs(), markets, m_player->coverageGaps());
    readStoredEvents(m_player->startNs() / 1'000'000, m_player->endNs() / 1'000'000);
}

void MonitorService::readStoredEvents(qint64 fromMs, qint64 toMs)
{
    // The feeds' events of the replayed span come back to the Timeline.
    if (!m_recording || !m_recording->recordsToDatabase())
        return;
    m_recording->readEvents(fromMs, toMs, this, [this](const std::vector<MarketEvent> &events, const QString &error) {
        if (!error.isEmpty())
            qCWarning(lcService) << "stored events not read:" << error;
        else if (!events.empty())
            Q_EMIT storedEventsLoaded(events);
    });
}

void MonitorService::openDatabaseRange(qint64 fromMs, qint64 toMs)
{
    if (!m_recording || !m_recording->recordsToDatabase()) {
        Q_EMIT replayFailed(tr("Not recording (started with --no-db): there is no database to replay."));
        return;
    }
    const QString dir = m_options.captureDir.isEmpty() ? QDir::tempPath() : m_options.captureDir;
    QDir().mkpath(dir);
    const auto stamp = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyyMMdd-HHmm")); };
    const QString path = QDir(dir).filePath(QLatin1String(RangeCapture::kFilePrefix) + stamp(fromMs) + QLatin1Char('-')
                                            + stamp(toMs) + QStringLiteral(".pmcap"));
    m_recording->writeRangeCapture(fromMs, toMs, path, this, [this](const QString &written, const QString &error) {
        if (written.isEmpty())
            Q_EMIT replayFailed(tr("Cannot replay the database: %1").arg(error));
        else
            openRecording(written);
    });
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
    m_trading->stop(); // its timer, in this thread
    m_recording.reset(); // writes what is queued
}

} // namespace polymon
