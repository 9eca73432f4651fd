#include "monitorservice.h"

#include "sim/simexchange.h"
#include "storage/recorder.h"
#include "storage/signalcsv.h"
#include "storage/storagewriter.h"

#include <QLoggingCategory>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcService, "polymon.service", QtInfoMsg)

namespace polymon {

namespace {
constexpr int kLadderLevels = 15;
}

MonitorService::MonitorService(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_snapshotTimer(this) // a child, so moveToThread takes it along
{
    qRegisterMetaType<polymon::MarketInfo>();
    qRegisterMetaType<QList<polymon::MarketInfo>>();
    qRegisterMetaType<polymon::TopSnapshot>();
    qRegisterMetaType<QList<polymon::TopSnapshot>>();
    qRegisterMetaType<polymon::FeedStatus>();
    qRegisterMetaType<polymon::TradePrint>();
    qRegisterMetaType<polymon::Signal>();
}

MonitorService::~MonitorService() = default;

void MonitorService::start()
{
    m_clock.start();
    m_snapshotTimer.setInterval(m_options.snapshotIntervalMs);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &MonitorService::publish);
    if (m_options.forceSimulated) {
        startSimulated(tr("started with --sim"));
        return;
    }
    m_gamma = new GammaClient(this);
    if (m_options.gammaUrl.isValid())
        m_gamma->setBaseUrl(m_options.gammaUrl);
    m_gamma->setTimeoutMs(m_options.gammaTimeoutMs);
    connect(m_gamma, &GammaClient::marketsLoaded, this, &MonitorService::startLive);
    connect(m_gamma, &GammaClient::loadFailed, this, [this](const QString &error) {
        startSimulated(tr("Polymarket is unreachable (%1)").arg(error));
    });
    m_gamma->fetchActive(200);
}

void MonitorService::startLive(const QList<MarketInfo> &markets)
{
    m_simulated = false;
    Q_EMIT modeChanged(false, tr("live Polymarket"));
    m_catalog = markets;
    Q_EMIT catalogReady(markets);
    createMonitor(m_options.endpoint.isValid() ? m_options.endpoint : FeedSettings().endpoint);
}

void MonitorService::startSimulated(const QString &reason)
{
    qCInfo(lcService) << "SIMULATED exchange:" << reason;
    m_simulated = true;
    m_exchange = std::make_unique<SimExchange>(m_options.seed, 16);
    m_exchange->setRate(m_options.simRate);
    if (!m_exchange->listen(0)) {
        Q_EMIT modeChanged(true, tr("the simulated exchange cannot listen: %1").arg(m_exchange->errorString()));
        return;
    }
    Q_EMIT modeChanged(true, reason);
    const QList<MarketInfo> markets = m_exchange->catalog();
    m_catalog = markets;
    Q_EMIT catalogReady(markets);
    // Signals need a warm baseline: episodes start after it.
    m_exchange->scheduleEpisodes((m_options.signalSettings.minWarmupMinutes + 1) * 60'000LL, 3 * 60'000LL);
    createMonitor(m_exchange->url());
}

void MonitorService::createMonitor(const QUrl &endpoint)
{
    FeedSettings settings;
    settings.endpoint = endpoint;
    m_monitor = std::make_unique<MarketMonitor>(settings);
    m_monitor->enableSignals(m_options.signalSettings);
    connect(m_monitor.get(), &MarketMonitor::tradeReceived, this, &MonitorService::tradeReceived);
    connect(m_monitor.get(), &MarketMonitor::signalFired, this, &MonitorService::signalFired);
    connect(m_monitor.get(), &MarketMonitor::outcomeResolved, this, &MonitorService::outcomeResolved);
    if (!m_options.dbPath.isEmpty()) {
        // Recording problems are shown in the status bar; monitoring goes on.
        m_writer = std::make_unique<StorageWriter>(m_options.dbPath);
        m_writer->start();
        m_recorder = std::make_unique<Recorder>(*m_monitor, *m_writer);
        for (const MarketInfo &m : m_catalog)
            m_recorder->recordMarket(m);
    }
    connect(m_monitor.get(), &MarketMonitor::connectionStateChanged, this,
            [this](int id, FeedConnection::State state, const QString &detail) {
                Q_EMIT connectionStateChanged(id, QString::fromLatin1(FeedConnection::stateName(state)), detail);
            });
    if (!m_pendingWatch.isEmpty()) {
        const QStringList pending = m_pendingWatch;
        m_pendingWatch.clear();
        watch(pending);
    }
    m_snapshotTimer.start();
}

void MonitorService::watch(const QStringList &tokenIds)
{
    if (!m_monitor) {
        m_pendingWatch << tokenIds;
        return;
    }
    if (m_writer)
        Recorder::seedBaselines(m_options.dbPath, *m_monitor->signalEngine(), tokenIds, QDateTime::currentMSecsSinceEpoch());
    m_monitor->subscribe(tokenIds);
}

void MonitorService::unwatch(const QStringList &tokenIds)
{
    if (m_monitor)
        m_monitor->unsubscribe(tokenIds);
    for (const QString &id : tokenIds)
        m_pendingWatch.removeAll(id);
}

void MonitorService::setLadderAsset(const QString &tokenId)
{
    m_ladderAsset = tokenId;
}

void MonitorService::exportCsv(const QString &path)
{
    if (!m_writer) {
        Q_EMIT exportFinished(false, tr("Not recording (started with --no-db): there is no signal history to export."));
        return;
    }
    // Flush what is queued so the file has the signals seen so far.
    m_writer->waitUntilWritten(5000);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        Q_EMIT exportFinished(false, tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    int rows = 0;
    QString error;
    if (!SignalCsv::exportTo(m_options.dbPath, file, {}, rows, error) || !file.commit()) {
        Q_EMIT exportFinished(false, error.isEmpty() ? file.errorString() : error);
        return;
    }
    Q_EMIT exportFinished(true, tr("Exported %n signal(s) to %1", nullptr, rows).arg(path));
}

void MonitorService::stop()
{
    m_snapshotTimer.stop();
    if (m_monitor)
        m_monitor->stop();
    m_recorder.reset();
    if (m_writer)
        m_writer->stop(); // writes what is queued
    m_writer.reset();
    m_monitor.reset();
    m_exchange.reset();
}

void MonitorService::publish()
{
    if (!m_monitor)
        return;
    QList<TopSnapshot> tops;
    m_monitor->books().forEach([&](const AssetBook &a) {
        TopSnapshot t;
        t.assetId = QString::fromStdString(a.assetId);
        t.metrics = a.book.metrics(100'000);
        t.state = a.state;
        t.crossed = a.crossed;
        t.lastUpdateMs = a.lastUpdateMs;
        t.updates = a.updates;
        if (t.assetId == m_ladderAsset) {
            const auto bids = a.book.bids();
            const auto asks = a.book.asks();
            for (std::size_t i = 0; i < bids.size() && i < std::size_t(kLadderLevels); ++i)
                t.bids << bids[bids.size() - 1 - i];
            for (std::size_t i = 0; i < asks.size() && i < std::size_t(kLadderLevels); ++i)
                t.asks << asks[asks.size() - 1 - i];
        }
        tops << t;
    });
    FeedStatus status;
    const MarketFeed &feed = m_monitor->feed();
    status.connections = feed.connectionCount();
    status.connected = feed.connectedCount();
    status.frames = m_monitor->parserStats().frames;
    status.parseErrors = m_monitor->parserStats().errors;
    status.desyncs = m_monitor->books().stats().desyncs;
    status.latencyP50Ns = m_monitor->latencyP50Ns();
    status.watched = int(m_monitor->books().size());
    status.signalsFired = m_monitor->signalEngine() ? m_monitor->signalEngine()->signalCount() : 0;
    if (m_writer) {
        const StorageStats st = m_writer->stats();
        status.dbPath = m_options.dbPath;
        status.dbQueued = st.queued;
        status.dbWritten = st.written;
        status.dbDropped = st.dropped;
        status.dbError = st.lastError;
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
