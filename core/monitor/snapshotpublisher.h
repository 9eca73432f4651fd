#pragma once

#include "analysis/signalsettings.h"
#include "book/tradeprint.h"
#include "topsnapshot.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace polymon {

class CapturePlayer;
class MarketMonitor;
class RecordingService;

// What the views need, coalesced at a fixed rate: every book's top, health
// and warm-up, the ladder of the outcome shown, the trades since the last
// snapshot, and the feed's and the recording's status. Paced by a single
// shot aimed at the next deadline, so timer slack neither exceeds the rate
// nor drifts below it. Lives in the monitor's thread.
class SnapshotPublisher final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int snapshotsPerSecond = 30;
        int ladderLevels = 60; // per side, for the tick ladder around the touch
    };

    explicit SnapshotPublisher(const Options &options, QObject *parent = nullptr);

    // Publishes from this monitor until stop(); `recording` (may be null)
    // gives the storage and capture status, `player` (a replay; may be null)
    // the clock freshness is judged by.
    void start(const MarketMonitor *monitor, const RecordingService *recording, const CapturePlayer *player);
    void stop();
    void setSignalSettings(const SignalSettings &settings) { m_settings = settings; }
    // The tokens whose levels near the touch go out (the market on screen:
    // both its outcomes, for the merged book and the heatmaps).
    void setLadderAssets(const QStringList &tokenIds) { m_ladderAssets = tokenIds; }
    // A trade for the next snapshot (the latest few thousand are kept: a tape shows the latest only).
    void addTrade(const polymon::TradePrint &trade);

Q_SIGNALS:
    void snapshotsReady(const QList<polymon::TopSnapshot> &tops, const polymon::FeedStatus &status);
    void tradesReady(const QList<polymon::TradePrint> &trades);

private:
    void publish();
    // The feed's and the recording's status at the market clock `clockMs`.
    FeedStatus status(qint64 clockMs);

    Options m_options;
    SignalSettings m_settings;
    const MarketMonitor *m_monitor = nullptr;
    const RecordingService *m_recording = nullptr;
    const CapturePlayer *m_player = nullptr;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_nextPublishNs = 0;
    QStringList m_ladderAssets;
    QList<TradePrint> m_pendingTrades;
    quint64 m_lastFrames = 0;
    qint64 m_lastRateMs = 0;
    double m_framesPerSecond = 0.0;
};

} // namespace polymon
