#pragma once

#include "events/marketevent.h"

#include "storage/signalcsv.h"

#include "catalog/marketinfo.h"
#include "storage/historyreader.h"
#include "storage/storagewriter.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace polymon {

class CaptureWriter;
class MarketMonitor;
class Recorder;
class StorageReader;

// What a session records and reads back: the SQLite writer (snapshots,
// trades, signals, markets), the raw capture of every frame, and the reader
// thread for history and exports. One per run of the app; a new monitor
// (a mode change) is attached to it. Lives in the monitor's thread; the I/O
// runs in the writer's and the reader's.
class RecordingService final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dbPath;     // empty: no database
        QString captureDir; // empty: no raw capture
        int checkpointEveryMs = 60'000;
        int captureKeepDays = 30;     // older captures are removed (0: kept)
        qint64 captureKeepBytes = 20'000'000'000; // then the oldest, to stay under this (0: no limit)
        int storeKeepDays = 0; // the database's snapshots and trades (StorageWriter::setRetentionDays; 0: kept)
        int signalHorizonMs = 300'000;
    };
    struct CaptureStatus
    {
        QString path;      // empty: not capturing
        qint64 startedMs = 0;
        quint64 frames = 0;
        quint64 bytes = 0;
        quint64 lost = 0;  // records lost to failed writes
        QString error;
    };

    explicit RecordingService(const Options &options, QObject *parent = nullptr);
    ~RecordingService() override; // writes what is queued

    bool recordsToDatabase() const noexcept { return m_writer != nullptr; }
    // The database writer (paper trading stores through it), or null.
    StorageWriter *writer() const noexcept { return m_writer.get(); }
    // Records this monitor (until the next attach or detach); `label` names
    // the capture file ("live", "simulated").
    void attach(MarketMonitor &monitor, Fixed band, const QString &label);
    void detach();
    void recordMarket(const MarketInfo &market);
    // The capture's note of a market subscribed now (a player opens its tabs).
    void noteSubscribed(const MarketInfo &market);
    // Where the desktop keeps its captures: captures/ beside the database.
    static QString captureDirFor(const QString &dbPath);
    // That note's JSON: {"assets":[tokens],"market":{MarketInfoJson}}.
    static std::string marketNote(const MarketInfo &market);
    void setBand(Fixed band);

    // The recorded past of these assets, read on the reader thread; done()
    // runs in `context`'s thread.
    void readHistory(const HistoryReader::Request &request, QObject *context,
                     std::function<void(const QList<AssetHistory> &)> done);
    // A time range of the database written as a capture (RangeCapture) on
    // the reader thread, after what is queued is written; done(path or "",
    // error) in `context`'s thread.
    void writeRangeCapture(qint64 fromMs, qint64 toMs, const QString &path, QObject *context,
                           std::function<void(const QString &, const QString &)> done);
    // Signal quality over the recorded history (SignalQualityReader, the
    // default fee schedule), read on the reader thread; done(quality as
    // SignalQuality::toJson, BUY/SELL signals read, error) in `context`'s thread.
    void readSignalQuality(QObject *context, std::function<void(const QJsonObject &, int, const QString &)> done);
    // The events stored over a time range (sports, chat), oldest first, on
    // the reader thread; done(events, error) in `context`'s thread.
    void readEvents(qint64 fromMs, qint64 toMs, QObject *context,
                    std::function<void(const std::vector<MarketEvent> &, const QString &)> done);
    // The signal history as CSV; done(ok, message) in `context`'s thread.
    void exportCsv(const QString &path, const SignalCsv::Filter &filter, QObject *context,
                   std::function<void(bool, const QString &)> done);

    StorageStats databaseStats() const;
    const QString &databasePath() const noexcept { return m_options.dbPath; }
    CaptureStatus captureStatus() const;

private:
    void resolveOpenOutcomes(qint64 before);
    void startCapture(MarketMonitor &monitor, const QString &label);

    Options m_options;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<StorageReader> m_reader; // gone before m_writer
    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<CaptureWriter> m_capture;
    QString m_capturePath;
    qint64 m_captureStartedMs = 0;
    qint64 m_steadyToWallNs = 0;
    MarketMonitor *m_monitor = nullptr;
    QTimer m_captureFlush;
    QTimer m_checkpoint;
};

} // namespace polymon
