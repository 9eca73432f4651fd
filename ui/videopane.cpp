#include "videopane.h"

#include "videoaligndialog.h"
#include "videosurface.h"

#include <QAudioOutput>
#include <QCryptographicHash>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMediaMetaData>
#include <QSettings>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace polymon {

namespace {

QString clockText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QToolButton *toolButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setObjectName(name);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

VideoPane::VideoPane(QWidget *parent)
    : QWidget(parent)
    , m_audio(new QAudioOutput(this))
    , m_surface(new VideoSurface(this))
    , m_play(toolButton(tr("Play"), QStringLiteral("videoPlay"), this))
    , m_align(toolButton(tr("Align…"), QStringLiteral("videoAlign"), this))
    , m_mute(toolButton(tr("Mute"), QStringLiteral("videoMute"), this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("videoPane"));
    m_player.setVideoSink(m_surface->sink());
    m_player.setAudioOutput(m_audio);
    m_mute->setCheckable(true);
    m_surface->setPlaceholder(tr("Open a video file or a live stream's address to watch it beside the books.\n"
                                 "Aligned with the market's clock, a recorded video plays with a replay."));

    auto *openFile = toolButton(tr("Open file…"), QStringLiteral("videoOpenFile"), this);
    auto *openUrl = toolButton(tr("Open stream…"), QStringLiteral("videoOpenUrl"), this);
    m_align->setToolTip(tr("Put the video on the market's clock from the frame on screen"));
    m_play->setEnabled(false);
    m_align->setEnabled(false);
    // A tool bar: what does not fit a narrow dock goes behind its » button.
    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16));
    for (QToolButton *b : {openFile, openUrl, m_play, m_align, m_mute})
        bar->addWidget(b);

    m_status->setObjectName(QStringLiteral("videoStatus"));
    m_status->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("videoError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d9534f;"));
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(bar);
    layout->addWidget(m_surface, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_error);

    connect(openFile, &QToolButton::clicked, this, &VideoPane::chooseFile);
    connect(openUrl, &QToolButton::clicked, this, &VideoPane::askUrl);
    connect(m_play, &QToolButton::clicked, this, &VideoPane::togglePlay);
    connect(m_align, &QToolButton::clicked, this, &VideoPane::align);
    connect(m_mute, &QToolButton::toggled, m_audio, &QAudioOutput::setMuted);
    connect(&m_player, &QMediaPlayer::errorOccurred, this, &VideoPane::showError);
    connect(&m_player, &QMediaPlayer::playbackStateChanged, this, &VideoPane::refresh);
    connect(&m_player, &QMediaPlayer::positionChanged, this, &VideoPane::refresh);
    connect(&m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
        if (status == QMediaPlayer::LoadedMedia || status == QMediaPlayer::BufferedMedia) {
            m_error->hide();
            const QVariant date = m_player.metaData().value(QMediaMetaData::Date);
            m_recorded = date.toDateTime();
        }
        refresh();
    });
    m_refresh.setInterval(500);
    connect(&m_refresh, &QTimer::timeout, this, &VideoPane::refresh);
    m_refresh.start();
    refresh();
}

VideoPane::~VideoPane()
{
    m_player.stop();
}

void VideoPane::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a video"), QString(),
                                                      tr("Videos (*.mp4 *.mkv *.webm *.mov *.avi *.ogv *.ts);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void VideoPane::askUrl()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Open a stream"),
                                               tr("The stream's address (an HLS .m3u8, an http(s) video or an rtsp:// "
                                                  "stream). A page such as a channel's web page is not a stream:"),
                                               QLineEdit::Normal, m_source.isLocalFile() ? QString() : m_source.toString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    const QUrl url = QUrl::fromUserInput(text.trimmed());
    if (!url.isValid()) {
        showError(QMediaPlayer::ResourceError, tr("not an address"));
        return;
    }
    openUrl(url);
}

void VideoPane::openFile(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        m_error->setText(tr("There is no video file at %1.").arg(path));
        m_error->show();
        return;
    }
    open(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
}

void VideoPane::openUrl(const QUrl &url)
{
    open(url);
}

void VideoPane::open(const QUrl &source)
{
    m_error->hide();
    if (!m_player.isAvailable()) {
        m_error->setText(tr("Video cannot play here: Qt Multimedia found no media backend. Install the GStreamer "
                            "plugins (make deps does: gstreamer1.0-plugins-base, -good and -libav)."));
        m_error->show();
        return;
    }
    m_source = source;
    m_recorded = {};
    m_surface->clearFrame();
    m_surface->setPlaceholder(tr("Opening %1…").arg(source.isLocalFile() ? QFileInfo(source.toLocalFile()).fileName()
                                                                          : source.toString()));
    m_clock.clear();
    const QVariant saved = QSettings().value(settingsKey());
    if (saved.isValid())
        m_clock.alignAt(0, saved.toLongLong());
    m_player.setSource(source);
    if (m_following)
        m_player.pause(); // shows the first frame; the replay moves it
    else
        m_player.play();
    refresh();
}

QString VideoPane::settingsKey() const
{
    // A video's alignment is remembered by its address (hashed: paths make poor keys).
    return QStringLiteral("video/wallAtZero/")
        + QString::fromLatin1(QCryptographicHash::hash(m_source.toString().toUtf8(), QCryptographicHash::Sha1).toHex());
}

bool VideoPane::isLive() const
{
    // A stream that cannot seek is live (HLS live, a server without ranges); an HLS VOD seeks.
    return !m_source.isEmpty() && !m_source.isLocalFile() && !m_player.isSeekable();
}

void VideoPane::align()
{
    VideoAlignDialog dialog(m_player.position(), isLive(), m_recorded, m_events ? m_events() : std::vector<MarketEvent>{},
                            this);
    if (dialog.exec() == QDialog::Accepted)
        alignAt(m_player.position(), dialog.wallAtFrame());
}

void VideoPane::alignAt(qint64 positionMs, qint64 wallMs)
{
    m_clock.alignAt(positionMs, wallMs);
    if (!isLive())
        QSettings().setValue(settingsKey(), qint64(m_clock.wallAtZeroMs()));
    refresh();
}

void VideoPane::togglePlay()
{
    if (m_player.playbackState() == QMediaPlayer::PlayingState)
        m_player.pause();
    else
        m_player.play();
}

void VideoPane::followReplay(qint64 timeNs, bool playing, double speed)
{
    m_following = true;
    if (m_source.isEmpty() || !m_clock.isAligned() || isLive()) {
        refresh();
        return;
    }
    const VideoFollow f = VideoFollow::decide(m_clock, timeNs / 1'000'000, playing, speed, m_player.position(),
                                              m_player.duration());
    m_where = f.where;
    if (f.seek) {
        // Scrubbing at high speed: a seek at most every 150 ms, or the decoder never catches up.
        const bool scrubbing = playing && f.state == VideoFollow::State::Pause;
        if (!scrubbing || !m_lastScrub.isValid() || m_lastScrub.elapsed() >= 150) {
            m_player.setPosition(f.positionMs);
            m_lastScrub.start();
        }
    }
    if (f.state == VideoFollow::State::Play) {
        if (!qFuzzyCompare(m_player.playbackRate(), f.rate))
            m_player.setPlaybackRate(f.rate);
        if (m_player.playbackState() != QMediaPlayer::PlayingState)
            m_player.play();
    } else if (m_player.playbackState() == QMediaPlayer::PlayingState) {
        m_player.pause();
    }
    refresh();
}

void VideoPane::leaveReplay()
{
    m_following = false;
    m_where = VideoFollow::Where::Inside;
    if (!qFuzzyCompare(m_player.playbackRate(), 1.0))
        m_player.setPlaybackRate(1.0);
    refresh();
}

void VideoPane::showMarketTime(qint64 ms)
{
    if (!m_clock.isAligned() || isLive())
        return;
    m_player.setPosition(std::max<qint64>(0, m_clock.positionFor(ms)));
    refresh();
}

std::optional<qint64> VideoPane::streamDelayMs() const
{
    if (!isLive() || !m_clock.isAligned())
        return std::nullopt;
    return QDateTime::currentMSecsSinceEpoch() - m_clock.marketTimeAt(m_player.position());
}

void VideoPane::showError(QMediaPlayer::Error error, const QString &detail)
{
    QString text;
    switch (error) {
    case QMediaPlayer::ResourceError:
        text = m_source.isLocalFile() || m_source.isEmpty()
                   ? tr("The video could not be opened: the file is missing, unreadable or not a video.")
                   : tr("The stream could not be opened: the address is unreachable or serves no video.");
        break;
    case QMediaPlayer::FormatError:
        text = tr("This video's format or codec is not supported here. Installing more GStreamer plugins "
                  "(gstreamer1.0-plugins-bad, -ugly) may help.");
        break;
    case QMediaPlayer::NetworkError:
        text = tr("The stream could not be reached: check the address and the network.");
        break;
    case QMediaPlayer::AccessDeniedError:
        text = tr("The video's server refused access (it may need a login or block this player).");
        break;
    case QMediaPlayer::NoError:
        return;
    }
    m_error->setText(detail.isEmpty() ? text : tr("%1 (%2)").arg(text, detail));
    m_error->show();
    m_surface->setPlaceholder(tr("No picture."));
    refresh();
}

QString VideoPane::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString VideoPane::statusText() const
{
    return m_status->text();
}

void VideoPane::refresh()
{
    const bool loaded = !m_source.isEmpty() && m_player.mediaStatus() != QMediaPlayer::InvalidMedia
                        && m_player.mediaStatus() != QMediaPlayer::NoMedia;
    const bool playing = m_player.playbackState() == QMediaPlayer::PlayingState;
    const bool following = m_following && m_clock.isAligned() && !isLive();
    m_play->setEnabled(loaded && !following);
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setToolTip(following ? tr("The replay bar plays the video with the books") : QString());
    m_align->setEnabled(loaded);
    if (m_source.isEmpty()) {
        m_status->setText(tr("No video."));
        return;
    }
    QString text;
    if (isLive()) {
        const std::optional<qint64> delay = streamDelayMs();
        text = delay ? tr("Live stream · %1 s behind the market (measured on an event it showed)")
                           .arg(double(*delay) / 1000.0, 0, 'f', 1)
                     : tr("Live stream · its delay behind the market is not measured: when it shows an event of "
                          "the Timeline, press Align… and choose it.");
    } else {
        text = clockText(m_player.position()) + QStringLiteral(" / ") + clockText(m_player.duration());
        if (!m_clock.isAligned()) {
            text += tr(" · not on the market's clock: Align… to play it with a replay");
        } else {
            text += tr(" · shows %1").arg(QDateTime::fromMSecsSinceEpoch(m_clock.marketTimeAt(m_player.position()))
                                              .toString(QStringLiteral("HH:mm:ss")));
            if (m_following && m_where == VideoFollow::Where::Before)
                text += tr(" · the replay is before the video starts");
            else if (m_following && m_where == VideoFollow::Where::After)
                text += tr(" · the video ended before this point of the replay");
            else if (m_following)
                text += tr(" · follows the replay");
        }
    }
    m_status->setText(text);
}

} // namespace polymon
