#pragma once

#include "events/marketevent.h"
#include "events/videoclock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMediaPlayer>
#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QAudioOutput;
class QLabel;
class QToolButton;

namespace polymon {

class VideoSurface;

// The video dock: a live stream or a video file beside the books. Aligned
// to the market's clock (VideoAlignDialog), a VOD plays, pauses and seeks
// with a replay, and a live stream shows how far it runs behind the
// market. Errors are said in plain words under the picture.
class VideoPane final : public QWidget
{
    Q_OBJECT
public:
    explicit VideoPane(QWidget *parent = nullptr);
    ~VideoPane() override;

    void openFile(const QString &path);
    void openUrl(const QUrl &url);
    // The Timeline's events, offered when aligning.
    void setEventSource(std::function<std::vector<MarketEvent>()> events) { m_events = std::move(events); }
    // The frame at `positionMs` shows wall time `wallMs` (remembered for this video).
    void alignAt(qint64 positionMs, qint64 wallMs);
    // The books lead: the video goes where the replay is, at its speed (0: as fast as possible).
    void followReplay(qint64 timeNs, bool playing, double speed);
    void leaveReplay();
    // A Timeline double-click outside a replay: the video alone goes there.
    void showMarketTime(qint64 ms);

    QMediaPlayer *player() noexcept { return &m_player; }
    VideoSurface *surface() const noexcept { return m_surface; }
    const VideoClock &clock() const noexcept { return m_clock; }
    bool isLive() const;
    QString statusText() const;
    QString errorText() const;
    // The stream's delay behind the market (ms), when measured.
    std::optional<qint64> streamDelayMs() const;

private:
    void chooseFile();
    void askUrl();
    void align();
    void open(const QUrl &source);
    void togglePlay();
    void showError(QMediaPlayer::Error error, const QString &detail);
    void refresh();
    QString settingsKey() const;

    QMediaPlayer m_player;
    QAudioOutput *m_audio;
    VideoSurface *m_surface;
    QToolButton *m_play;
    QToolButton *m_align;
    QToolButton *m_mute;
    QLabel *m_status;
    QLabel *m_error;
    VideoClock m_clock;
    QUrl m_source;
    QDateTime m_recorded;
    QTimer m_refresh;
    QElapsedTimer m_lastScrub;
    std::function<std::vector<MarketEvent>()> m_events;
    bool m_following = false;
    VideoFollow::Where m_where = VideoFollow::Where::Inside;
};

} // namespace polymon
