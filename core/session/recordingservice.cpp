#include "recordingservice.h"

#include "storage/databaselocation.h"
#include "storage/eventreader.h"

#include "capture/capturewriter.h"
#include "captureretention.h"
#include "catalog/marketinfojson.h"
#include "monitor/marketmonitor.h"
#include "storage/openoutcomeresolver.h"
#include "rangecapture.h"
#include "session/recorder.h"
#include "storage/signalcsv.h"
#include "storage/signalqualityreader.h"
#include "strategy/strategysettings.h"
#include "storage/storagereader.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcRecording, "polymon.recording", QtInfoMsg)

namespace polymon {

RecordingService::RecordingService(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_captureFlush(this)
    , m_checkpoint(this)
{
    if (!m_options.dbPath.isEmpty()) {
        // Recording problems are shown in the status bar; monitoring goes on.
        m_writer = std::make_unique<StorageWriter>(m_options.dbPath);
        m_writer->setRetentionDays(m_options.storeKeepDays);
        m_writer->start();
        m_reader = std::make_unique<StorageReader>();
        // Signals an earlier run left open: now, and once more when the
        // horizon of those fired just before this start has passed.
        const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
        resolveOpenOutcomes(startedMs);
        QTimer::singleShot(m_options.signalHorizonMs + 10'000, this, [this, startedMs] { resolveOpenOutcomes(startedMs); });
    }
    // The capture is flushed every second and at each checkpoint: a crash
    // loses at most a second of frames.
    connect(&m_captureFlush, &QTimer::timeout, this, [this] {
        if (m_capture)
            m_capture->flush();
    });
    connect(&m_checkpoint, &QTimer::timeout, this, [this] {
        if (m_capture && m_monitor)
            m_capture->writeCheckpoint(m_steadyToWallNs + steadyNowNs(), m_monitor->books());
    });
}

RecordingService::~RecordingService()
{
    detach();
    m_reader.reset(); // finishes the read under way (an export), drops the rest
    if (m_writer)
        m_writer->stop(); // writes what is queued
}

void RecordingService::attach(MarketMonitor &monitor, Fixed band, const QString &label)
{
    detach();
    m_monitor = &monitor;
    if (m_writer)
        m_recorder = std::make_unique<Recorder>(monitor, *m_writer, band);
    if (!m_options.captureDir.isEmpty())
        startCapture(monitor, label);
}

void RecordingService::startCapture(MarketMonitor &monitor, const QString &label)
{
    QDir().mkpath(m_options.captureDir);
    m_capturePath = QDir(m_options.captureDir)
                        .filePath(QStringLiteral("%1-%2.pmcap")
                                      .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")), label));
    m_steadyToWallNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000 - steadyNowNs();
    m_captureStartedMs = QDateTime::currentMSecsSinceEpoch();
    auto capture = std::make_unique<CaptureWriter>();
    std::string error;
    if (!capture->open(m_capturePath.toStdString(), m_steadyToWallNs + steadyNowNs(), error)) {
        qCWarning(lcRecording) << "no raw capture:" << QString::fromStdString(error);
        m_capturePath.clear();
        return;
    }
    m_capture = std::move(capture);
    const CaptureRetention::Result pruned =
        CaptureRetention::prune(m_options.captureDir, m_options.captureKeepDays, m_options.captureKeepBytes, m_capturePath);
    if (!pruned.removed.isEmpty())
        qCInfo(lcRecording) << "removed" << pruned.removed.size() << "old captures," << pruned.freedBytes / 1'000'000
                            << "MB, under the retention limits";
    QJsonObject note;
    note.insert(QStringLiteral("session"), label);
    note.insert(QStringLiteral("endpoint"), monitor.liveFeed() ? monitor.liveFeed()->settings().endpoint.toString() : QString());
    m_capture->writeNote(m_steadyToWallNs + steadyNowNs(), QJsonDocument(note).toJson(QJsonDocument::Compact).toStdString());
    connect(&monitor, &MarketMonitor::frameReceived, this, [this](int connection, const QByteArray &frame, qint64 ns) {
        if (m_capture)
            m_capture->writeFrame(connection, m_steadyToWallNs + ns,
                                  std::string_view(frame.constData(), std::size_t(frame.size())));
    });
    m_captureFlush.start(1000);
    m_checkpoint.start(m_options.checkpointEveryMs);
    qCInfo(lcRecording) << "raw capture to" << m_capturePath;
}

void RecordingService::detach()
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_recorder.reset();
    m_captureFlush.stop();
    m_checkpoint.stop();
    if (m_capture)
        m_capture->close();
    m_capture.reset();
    m_monitor = nullptr;
}

void RecordingService::recordMarket(const MarketInfo &market)
{
    if (m_recorder)
        m_recorder->recordMarket(market);
}

void RecordingService::noteSubscribed(const MarketInfo &market)
{
    if (m_capture)
        m_capture->writeNote(m_steadyToWallNs + steadyNowNs(), marketNote(market));
}

QString RecordingService::captureDirFor(const QString &dbPath)
{
    // A shared store keeps no files: the raw frames stay on this machine, in
    // captures/ beside the default database.
    DatabaseLocation location;
    QString error;
    if (DatabaseLocation::parse(dbPath, location, error) && location.isPostgres())
        return QFileInfo(StorageWriter::defaultPath()).absoluteDir().filePath(QStringLiteral("captures"));
    return QFileInfo(dbPath).absoluteDir().filePath(QStringLiteral("captures"));
}

std::string RecordingService::marketNote(const MarketInfo &market)
{
    // The player subscribes what the notes name, and shows their markets.
    QJsonObject note;
    note.insert(QStringLiteral("assets"), QJsonArray::fromStringList(market.tokenIds));
    note.insert(QStringLiteral("market"), MarketInfoJson::toJson(market));
    return QJsonDocument(note).toJson(QJsonDocument::Compact).toStdString();
}

void RecordingService::setBand(Fixed band)
{
    if (m_recorder)
        m_recorder->setBand(band);
}

void RecordingService::readHistory(const HistoryReader::Request &request, QObject *context,
                                   std::function<void(const QList<AssetHistory> &)> done)
{
    if (!m_reader)
        return;
    m_reader->run<QList<AssetHistory>>([path = m_options.dbPath, request] { return HistoryReader::read(path, request); },
                                       context, std::move(done));
}

void RecordingService::readEvents(qint64 fromMs, qint64 toMs, QObject *context,
                                  std::function<void(const std::vector<MarketEvent> &, const QString &)> done)
{
    if (!m_reader || !m_writer)
        return;
    using Result = std::pair<std::vector<MarketEvent>, QString>;
    m_reader->run<Result>(
        [writer = m_writer.get(), db = m_options.dbPath, fromMs, toMs]() -> Result {
            writer->waitUntilWritten(5000); // the events seen so far
            Result r;
            EventReader::read(db, fromMs, toMs, r.first, r.second);
            return r;
        },
        context, [done = std::move(done)](const Result &r) { done(r.first, r.second); });
}

void RecordingService::writeRangeCapture(qint64 fromMs, qint64 toMs, const QString &path, QObject *context,
                                         std::function<void(const QString &, const QString &)> done)
{
    if (!m_writer) {
        done(QString(), tr("Not recording (started with --no-db): there is no database to replay."));
        return;
    }
    using Result = std::pair<QString, QString>;
    m_reader->run<Result>(
        [writer = m_writer.get(), db = m_options.dbPath, fromMs, toMs, path]() -> Result {
            writer->waitUntilWritten(5000); // the snapshots seen so far
            RangeCapture::Summary summary;
            QString error;
            if (!RangeCapture::write(db, RangeCapture::Range{fromMs, toMs, {}}, path, summary, error))
                return {QString(), error};
            return {path, QString()};
        },
        context, [done = std::move(done)](const Result &r) { done(r.first, r.second); });
}

void RecordingService::readSignalQuality(QObject *context,
                                         std::function<void(const QJsonObject &, int, const QString &)> done)
{
    if (!m_writer) {
        done({}, 0, tr("Not recording (started with --no-db): there is no signal history."));
        return;
    }
    struct Read
    {
        QJsonObject quality;
        int signals = 0;
        QString error;
    };
    m_reader->run<Read>(
        [writer = m_writer.get(), db = m_options.dbPath]() -> Read {
            writer->waitUntilWritten(5000); // the signals seen so far
            SignalQualityReader::Result result;
            Read r;
            if (SignalQualityReader::read(db, 0, StrategySettings{}.fees, result, r.error)) {
                r.quality = result.quality.toJson();
                r.signals = result.signals;
            }
            return r;
        },
        context, [done = std::move(done)](const Read &r) { done(r.quality, r.signals, r.error); });
}

void RecordingService::exportCsv(const QString &path, const SignalCsv::Filter &filter, QObject *context,
                                 std::function<void(bool, const QString &)> done)
{
    if (!m_writer) {
        done(false, tr("Not recording (started with --no-db): there is no signal history to export."));
        return;
    }
    // On the reader thread: waiting for the writer and scanning the signals
    // must not hold up the frames.
    using Result = std::pair<bool, QString>;
    m_reader->run<Result>(
        [writer = m_writer.get(), db = m_options.dbPath, path, filter]() -> Result {
            writer->waitUntilWritten(5000); // so the file has the signals seen so far
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return {false, tr("Cannot write %1: %2").arg(path, file.errorString())};
            int rows = 0;
            QString error;
            if (!SignalCsv::exportTo(db, file, filter, rows, error) || !file.commit())
                return {false, error.isEmpty() ? file.errorString() : error};
            return {true, filter.narrowed() ? tr("Exported %n signal(s) matching the log's filters to %1", nullptr, rows).arg(path)
                                            : tr("Exported %n signal(s) to %1", nullptr, rows).arg(path)};
        },
        context, [done = std::move(done)](const Result &r) { done(r.first, r.second); });
}

void RecordingService::resolveOpenOutcomes(qint64 before)
{
    m_reader->run<QList<Signal>>(
        [db = m_options.dbPath, horizon = m_options.signalHorizonMs, before] {
            return OpenOutcomeResolver::resolve(db, horizon, before, QDateTime::currentMSecsSinceEpoch());
        },
        this, [this](const QList<Signal> &resolved) {
            for (const Signal &s : resolved)
                m_writer->enqueue(SignalRow{s, true});
            if (!resolved.isEmpty())
                qCInfo(lcRecording) << resolved.size() << "signals left open by an earlier run resolved";
        });
}

StorageStats RecordingService::databaseStats() const
{
    return m_writer ? m_writer->stats() : StorageStats{};
}

RecordingService::CaptureStatus RecordingService::captureStatus() const
{
    CaptureStatus s;
    if (!m_capture)
        return s;
    s.path = m_capturePath;
    s.startedMs = m_captureStartedMs;
    s.frames = m_capture->frames();
    s.bytes = m_capture->bytes();
    s.lost = m_capture->failedRecords();
    s.error = QString::fromStdString(m_capture->lastError());
    return s;
}

} // namespace polymon
