#pragma once

#include "events/marketevent.h"

#include "book/booklistenerfanout.h"
#include "capture/coveragegapnote.h"
#include "catalog/marketinfo.h"
#include "storage/historyreader.h"
#include "storage/signalcsv.h"
#include "marketmonitor.h"
#include "sim/simulatorhost.h"
#include "topsnapshot.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace polymon {

class CapturePlayer;
class CatalogService;
class FrameSource;
class RecordingService;
class SnapshotPublisher;
class ClobRestClient;
class SimClob;
class SimExchange;
class TradingService;

// Everything behind the desktop window, living in one worker thread: the
// mode (live, simulated, replay), the catalog service, the monitor and its
// recording, and coalesced snapshots for the views. Call its slots through
// queued invocations; its signals carry values only.
class MonitorService final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool forceSimulated = false;
        // When Gamma cannot be reached: start the simulator at once (first
        // start), or report networkFailed and wait for retryLive/useSimulated.
        bool simulatedOnFailure = true;
        quint64 seed = 1;
        double simRate = 40.0; // frames per second over all simulated markets
        int simMarkets = 16;
        QUrl endpoint;  // empty: the real market channel
        QUrl gammaUrl;  // empty: the real Gamma API
        // The CLOB REST API, asked for each watched market's rules (tick,
        // minimum size, neg-risk, fees) while live; empty: not asked.
        QUrl clobUrl;
        int gammaTimeoutMs = 8000;
        int catalogPageSize = 200;
        int statusCheckMs = 5 * 60'000; // how often watched markets are checked for closing
        int catalogRefreshMs = 10 * 60'000; // how often the first page's prices and volumes are renewed
        int snapshotsPerSecond = 30;    // views update at most this often
        int ladderLevels = 60; // per side, for the tick ladder around the touch
        int assetsPerConnection = FeedSettings().maxAssetsPerConnection;
        QString dbPath;     // empty: no database
        QString captureDir; // empty: no raw capture of the frames
        int captureKeepDays = 30;
        qint64 captureKeepBytes = 20'000'000'000;
        int storeKeepDays = 0; // snapshots and trades in the database (0: kept)
        SignalSettings signalSettings;
    };

    explicit MonitorService(const Options &options, QObject *parent = nullptr);
    ~MonitorService() override;

    bool simulated() const noexcept { return m_simulated; }
    // Sees every applied top in the monitor's thread, synchronously, across
    // mode changes (benchmarks and tests; call before start).
    void setBookListener(BookListener *listener) { m_bookListener = listener; }
    // Paper trading on the session's books (a child: it lives in this thread).
    TradingService *trading() const noexcept { return m_trading; }
    // The simulator runs in a thread of its own, like a remote exchange.
    SimExchange *simExchange() const noexcept { return m_sim ? m_sim->exchange() : nullptr; }
    // The simulator's CLOB on its books (REST and user channel), in the same
    // thread; null when not simulated. Live trading offline goes there.
    SimClob *simClob() const noexcept { return m_sim ? m_sim->clob() : nullptr; }
    // The simulator's sports channel (a game for one of its markets) and
    // that game's stream chat; empty when not simulated.
    QUrl simSportsUrl() const { return m_sim ? m_sim->sportsUrl() : QUrl(); }
    QUrl simChatUrl() const { return m_sim ? m_sim->chatUrl() : QUrl(); }
    QString simGameSlug() const { return m_sim ? m_sim->gameSlug() : QString(); }

    // Stores events from a live feed while the session records to a database.
    void recordEvents(const std::vector<MarketEvent> &events, const QString &source);

public Q_SLOTS:
    void start();
    // Live Polymarket again (after networkFailed, or from the simulator).
    void retryLive();
    void useSimulated();
    void loadMoreMarkets();
    // Searches all of Polymarket (live only): searchResults.
    void searchMarkets(const QString &text);
    void fetchEvent(const QString &eventId);
    // Subscribes both outcome tokens of the market (and records it).
    void watch(const polymon::MarketInfo &market);
    void unwatch(const QString &conditionId);
    void setLadderAssets(const QStringList &tokenIds);
    void applySignalSettings(const polymon::SignalSettings &settings);
    // Signal quality over the recorded history: signalQualityReady.
    void readSignalQuality();
    // Signal history from the database as CSV (the CLI export's format).
    // Every recorded signal, or those matching `filter` (the log's filters).
    void exportCsv(const QString &path, const polymon::SignalCsv::Filter &filter = {});
    // Plays a raw capture through the same monitor: its markets, paused at
    // the start (replayOpened), or replayFailed with the reason.
    void openRecording(const QString &path);
    // A time range of the database as a recording (RangeCapture, written
    // beside the captures), then played like one; replayFailed when there
    // is nothing to play.
    void openDatabaseRange(qint64 fromMs, qint64 toMs);
    void replayPlay();
    void replayPause();
    void replaySetSpeed(double speed); // 0: as fast as possible
    void replaySeek(qint64 timeNs);
    void replayStep();
    // Back to what ran before the recording was opened (live or simulated).
    void leaveReplay();
    void stop();

Q_SIGNALS:
    void modeChanged(bool simulated, const QString &reason);
    void networkFailed(const QString &error);
    // A page of the catalog: `first` replaces what was listed before.
    void catalogPage(const QList<polymon::MarketInfo> &markets, bool first, bool hasMore);
    void catalogFailed(const QString &error);
    // The first page again, later: new prices and volumes for listed markets.
    void catalogRefreshed(const QList<polymon::MarketInfo> &markets);
    void searchResults(const QString &text, const QList<polymon::MarketInfo> &markets);
    void searchFailed(const QString &error);
    // Every market of a multi-outcome event (the simulator's and a replay's from their catalog).
    void eventLoaded(const QString &eventId, const QList<polymon::MarketInfo> &markets);
    void eventFailed(const QString &error);
    void snapshotsReady(const QList<polymon::TopSnapshot> &tops, const polymon::FeedStatus &status);
    // The trades since the last snapshot, oldest first (coalesced too).
    void tradesReady(const QList<polymon::TradePrint> &trades);
    void signalFired(const polymon::Signal &signal);
    void outcomeResolved(const polymon::Signal &signal);
    // The market resolved or closed; its tokens are unsubscribed already.
    void marketClosed(const QString &conditionId, const QString &reason);
    // The recorded past of a newly watched asset (the last hour), for its chart.
    void historyLoaded(const polymon::AssetHistory &history);
    void exportFinished(bool ok, const QString &message);
    // SignalQuality::toJson over the database, the BUY/SELL signals read, or an error.
    void signalQualityReady(const QJsonObject &quality, int signals, const QString &error);
    // `gaps`: where its notes say nobody recorded (a capture from a shared store).
    void replayOpened(const QString &path, qint64 startNs, qint64 endNs, const QList<polymon::MarketInfo> &markets,
                      const QList<polymon::CoverageGapNote> &gaps);
    void replayFailed(const QString &error);
    void replayPosition(qint64 timeNs, bool playing);
    // The events stored with the recording over a replay's span.
    void storedEventsLoaded(const std::vector<polymon::MarketEvent> &events);
    void connectionStateChanged(int connectionId, const QString &state, const QString &detail);

private:
    void fetchLive();
    void onPage(const QList<MarketInfo> &markets, bool first, bool hasMore);
    void recordMarkets(const QList<MarketInfo> &markets); // when recording
    void startSimulated(const QString &reason);
    // Market rules from `clob` for every watched market from now on.
    void askMarketRules(const QUrl &clob);
    void createMonitor(const QUrl &endpoint);
    // The monitor over any source (the live feed's policy for its resyncs).
    void createMonitor(std::unique_ptr<FrameSource> source, const FeedSettings &settings);
    void teardown();
    void readStoredEvents(qint64 fromMs, qint64 toMs);
    void subscribe(const MarketInfo &market);
    void closeMarket(const QString &conditionId, const QStringList &tokens, const QString &reason);

    Options m_options;
    bool m_simulated = false;
    CapturePlayer *m_player = nullptr; // the monitor's source while a recording plays
    bool m_simulatedBeforeReplay = false;
    bool m_liveStarted = false;
    std::unique_ptr<SimulatorHost> m_sim; // when simulated
    // Asks the CLOB (or the simulator's) for each watched market's rules.
    std::unique_ptr<ClobRestClient> m_rulesClient;
    std::unique_ptr<MarketMonitor> m_monitor;
    std::unique_ptr<RecordingService> m_recording;
    BookListener *m_bookListener = nullptr;
    quint64 m_monitorGeneration = 0;         // a history read answers the monitor that asked
    QSet<QString> m_historyPending;          // condition ids whose past is being read
    QList<MarketInfo> m_catalog; // the markets listed (Gamma's pages, or the simulator's)
    CatalogService *m_catalogService = nullptr; // live only; made on the first start without --sim
    SnapshotPublisher *m_publisher;
    TradingService *m_trading;
    BookListenerFanOut m_listeners; // m_bookListener, then the trading desk
    QHash<QString, MarketInfo> m_watched; // by condition id
    QSet<QString> m_closed;     // condition ids already reported
};

} // namespace polymon
