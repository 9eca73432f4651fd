#pragma once

#include "catalog/gammaclient.h"
#include "catalog/marketinfo.h"
#include "marketmonitor.h"
#include "topsnapshot.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace polymon {

class Recorder;
class SimExchange;
class StorageWriter;

// Everything behind the desktop window, living in one worker thread: market
// catalog (Gamma, or the simulator's when Polymarket is unreachable), the
// monitor, and coalesced snapshots for the views. Call its slots through
// queued invocations; its signals carry values only.
class MonitorService final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool forceSimulated = false;
        quint64 seed = 1;
        double simRate = 40.0;
        QUrl endpoint;  // empty: the real market channel
        QUrl gammaUrl;  // empty: the real Gamma API
        int gammaTimeoutMs = 8000;
        int snapshotIntervalMs = 100;
        QString dbPath; // empty: no recording
        SignalSettings signalSettings;
    };

    explicit MonitorService(const Options &options, QObject *parent = nullptr);
    ~MonitorService() override;

    bool simulated() const noexcept { return m_simulated; }

public Q_SLOTS:
    void start();
    void watch(const QStringList &tokenIds);
    void unwatch(const QStringList &tokenIds);
    void setLadderAsset(const QString &tokenId);
    // Signal history from the database as CSV (the CLI export's format).
    void exportCsv(const QString &path);
    void stop();

Q_SIGNALS:
    void modeChanged(bool simulated, const QString &reason);
    void catalogReady(const QList<polymon::MarketInfo> &markets);
    void snapshotsReady(const QList<polymon::TopSnapshot> &tops, const polymon::FeedStatus &status);
    void tradeReceived(const polymon::TradePrint &trade);
    void signalFired(const polymon::Signal &signal);
    void outcomeResolved(const polymon::Signal &signal);
    void exportFinished(bool ok, const QString &message);
    void connectionStateChanged(int connectionId, const QString &state, const QString &detail);

private:
    void startLive(const QList<MarketInfo> &markets);
    void startSimulated(const QString &reason);
    void createMonitor(const QUrl &endpoint);
    void publish();

    Options m_options;
    bool m_simulated = false;
    std::unique_ptr<SimExchange> m_exchange;
    std::unique_ptr<MarketMonitor> m_monitor;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<Recorder> m_recorder;
    QList<MarketInfo> m_catalog;
    GammaClient *m_gamma = nullptr;
    QTimer m_snapshotTimer;
    QStringList m_pendingWatch; // asked for before the monitor existed
    QString m_ladderAsset;
    quint64 m_lastFrames = 0;
    qint64 m_lastRateMs = 0;
    double m_framesPerSecond = 0.0;
    QElapsedTimer m_clock;
};

} // namespace polymon
