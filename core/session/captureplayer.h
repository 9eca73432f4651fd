#pragma once

#include "capture/capturereader.h"
#include "capture/coveragegapnote.h"
#include "catalog/marketinfo.h"
#include "framesource.h"
#include "replay/mappedfile.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

#include <vector>

namespace polymon {

// Plays a raw capture (docs/capture.md) as a frame source: at the recorded
// pace times a speed, or as fast as possible; pause, step one frame, and seek
// to any moment (the books of the checkpoint before it, then the frames up
// to it at once). The frames go out byte for byte as recorded.
class CapturePlayer final : public FrameSource
{
    Q_OBJECT
public:
    explicit CapturePlayer(QObject *parent = nullptr);
    ~CapturePlayer() override;

    bool open(const QString &path, QString &error);

    // A recording holds what it holds: the monitor keeps what it subscribed.
    void subscribe(const QStringList &) override {}
    void unsubscribe(const QStringList &) override {}
    bool requestBook(const QString &) override { return false; }
    void stop() override { pause(); }
    bool isLive() const override { return false; }

    qint64 startNs() const noexcept { return m_startNs; }
    qint64 endNs() const noexcept { return m_endNs; }
    qint64 positionNs() const noexcept { return m_positionNs; }
    bool atEnd() const noexcept { return m_atEnd; }
    bool isPlaying() const noexcept { return m_playing; }
    double speed() const noexcept { return m_speed; }
    // The assets the recorder subscribed (named by its notes), in order.
    const QStringList &recordedAssets() const noexcept { return m_assets; }
    // The markets the notes describe; an asset no note describes (a CLI
    // recording) gets a market of its own, named by its token.
    QList<MarketInfo> recordedMarkets() const;
    const QString &endpoint() const noexcept { return m_endpoint; }
    std::size_t checkpointCount() const noexcept { return m_checkpoints.size(); }
    // The stretches its gap notes say nobody recorded (a capture made from a
    // shared store); playing past one drops those books until their next `book`.
    const QList<CoverageGapNote> &coverageGaps() const noexcept { return m_gaps; }
    // False when the file ends in a cut or corrupt record (read up to it).
    bool complete() const noexcept { return m_complete; }

    // 1 plays at the recorded pace; 0 as fast as possible.
    void setSpeed(double speed);
    void play();
    void pause();
    // The next frame now (paused). False at the end.
    bool step();
    // The books as they were at timeNs: the checkpoint before it, then the
    // frames up to it. Keeps playing if it was.
    void seek(qint64 timeNs);

Q_SIGNALS:
    void positionChanged(qint64 timeNs);
    void playingChanged(bool playing);
    void finished();

private:
    void onTick();
    // Emits records from m_offset while their time is <= untilNs, at most
    // maxFrames frames; returns the frames sent.
    std::size_t emitUntil(qint64 untilNs, std::size_t maxFrames);
    void anchor();
    void dropGapBooks(const CaptureReader::Record &note);

    MappedFile m_file;
    CaptureReader m_reader;
    std::vector<CaptureReader::Checkpoint> m_checkpoints;
    QStringList m_assets;
    QList<MarketInfo> m_markets;
    QString m_endpoint;
    QList<CoverageGapNote> m_gaps;
    std::size_t m_offset = 0; // the next record
    qint64 m_startNs = 0, m_endNs = 0, m_positionNs = 0;
    double m_speed = 1.0;
    bool m_playing = false;
    bool m_atEnd = false;
    bool m_complete = true;
    QTimer m_timer;
    QElapsedTimer m_wall;  // since the last anchor
    qint64 m_anchorNs = 0; // recorded time at the last anchor
};

} // namespace polymon
