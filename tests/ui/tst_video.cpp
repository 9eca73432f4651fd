// The video dock: the clock that puts a video on the market's time, a real
// player (Qt Multimedia, GStreamer) following a replay, a stream served
// over HTTP from this machine, and errors in plain words.
#include "events/videoclock.h"
#include "videoaligndialog.h"
#include "videopane.h"
#include "videosurface.h"

#include <QDateTime>
#include <QDateTimeEdit>
#include <QRadioButton>
#include <QFile>
#include <QMediaPlayer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace polymon;

namespace {

const QString kVideoDir = QStringLiteral(POLYMON_VIDEO_DIR);
constexpr qint64 kT0 = 1'764'000'000'000; // the wall time the fixture's first frame shows

// A stream as a live server sends it: HTTP/1.0, no length, no ranges, so
// the player cannot seek it.
class StreamServer : public QObject
{
public:
    explicit StreamServer(QByteArray body)
        : m_body(std::move(body))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    s->write("HTTP/1.0 200 OK\r\nContent-Type: video/x-matroska\r\nConnection: close\r\n\r\n");
                    s->write(m_body);
                    s->disconnectFromHost();
                });
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/live.mkv").arg(m_server.serverPort())); }

private:
    QTcpServer m_server;
    QByteArray m_body;
};

bool loaded(QMediaPlayer *p)
{
    return p->mediaStatus() == QMediaPlayer::LoadedMedia || p->mediaStatus() == QMediaPlayer::BufferedMedia
           || p->mediaStatus() == QMediaPlayer::BufferingMedia;
}

} // namespace

class TestVideo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("polymon-test-video"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void clockMapsVideoToMarketTime()
    {
        VideoClock clock;
        QVERIFY(!clock.isAligned());
        clock.alignAt(12'500, kT0 + 12'500); // the frame at 12.5 s shows kT0 + 12.5 s
        QVERIFY(clock.isAligned());
        QCOMPARE(clock.wallAtZeroMs(), kT0);
        QCOMPARE(clock.positionFor(kT0 + 60'000), qint64(60'000));
        QCOMPARE(clock.marketTimeAt(3'000), kT0 + 3'000);
    }

    void followRules()
    {
        VideoClock clock;
        clock.alignAt(0, kT0);
        // Paused: the replay's frame, to 40 ms.
        VideoFollow f = VideoFollow::decide(clock, kT0 + 5'000, false, 1.0, 4'900, 20'000);
        QVERIFY(f.state == VideoFollow::State::Pause);
        QVERIFY(f.seek);
        QCOMPARE(f.positionMs, qint64(5'000));
        QVERIFY(!VideoFollow::decide(clock, kT0 + 5'000, false, 1.0, 4'980, 20'000).seek);
        // Playing at 2x: plays at 2x, a small drift is left alone, a large one put back.
        f = VideoFollow::decide(clock, kT0 + 5'000, true, 2.0, 4'700, 20'000);
        QVERIFY(f.state == VideoFollow::State::Play);
        QCOMPARE(f.rate, 2.0);
        QVERIFY(!f.seek);
        QVERIFY(VideoFollow::decide(clock, kT0 + 5'000, true, 2.0, 3'000, 20'000).seek);
        // Faster than the player can: paused at the replay's time (scrubbing); as fast as possible too.
        QVERIFY(VideoFollow::decide(clock, kT0 + 5'000, true, 10.0, 5'000, 20'000).state == VideoFollow::State::Pause);
        QVERIFY(VideoFollow::decide(clock, kT0 + 5'000, true, 0.0, 5'000, 20'000).state == VideoFollow::State::Pause);
        // Outside the video: held at its first or last frame, and said.
        f = VideoFollow::decide(clock, kT0 - 30'000, true, 1.0, 0, 20'000);
        QVERIFY(f.where == VideoFollow::Where::Before);
        QVERIFY(f.state == VideoFollow::State::Pause);
        QCOMPARE(f.positionMs, qint64(0));
        f = VideoFollow::decide(clock, kT0 + 90'000, true, 1.0, 0, 20'000);
        QVERIFY(f.where == VideoFollow::Where::After);
        QCOMPARE(f.positionMs, qint64(20'000));
    }

    void alignDialogChoices()
    {
        MarketEvent goal{kT0 + 7'000, QStringLiteral("score_home"), {}, {}, QStringLiteral("Home 1-0"), {}};
        MarketEvent kickoff{kT0 + 1'000, QStringLiteral("status"), {}, {}, QStringLiteral("live"), {}};
        const QDateTime recorded = QDateTime::fromMSecsSinceEpoch(kT0 - 2'000);
        VideoAlignDialog dialog(4'000, false, recorded, {kickoff, goal});
        // The latest event comes first and is chosen: the frame shows the goal.
        QCOMPARE(dialog.wallAtFrame(), kT0 + 7'000);
        const auto radios = dialog.findChildren<QRadioButton *>();
        QCOMPARE(radios.size(), 3);
        radios[2]->setChecked(true); // the file's date: position 0 is `recorded`
        QCOMPARE(dialog.wallAtFrame(), kT0 - 2'000 + 4'000);
        auto *time = dialog.findChild<QDateTimeEdit *>(QStringLiteral("alignTime"));
        time->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 + 123'000));
        QCOMPARE(dialog.wallAtFrame(), kT0 + 123'000);
    }

    void fileFollowsTheReplay()
    {
        VideoPane pane;
        pane.resize(480, 360);
        pane.show();
        pane.openFile(kVideoDir + QStringLiteral("/clock-20s.ogv"));
        QMediaPlayer *player = pane.player();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(player), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(player->duration() > 19'000, 10'000);
        QVERIFY(pane.statusText().contains(QStringLiteral("not on the market's clock")));
        pane.alignAt(0, kT0);

        // Paused replay at 5 s: the video shows 5 s and stays paused.
        pane.followReplay((kT0 + 5'000) * 1'000'000, false, 1.0);
        QTRY_VERIFY_WITH_TIMEOUT(qAbs(player->position() - 5'000) <= 100, 5'000);
        QVERIFY(player->playbackState() != QMediaPlayer::PlayingState);
        QTRY_VERIFY_WITH_TIMEOUT(pane.surface()->framesShown() > 0, 5'000);

        // The replay plays at 2x: so does the video, from where the replay is.
        pane.followReplay((kT0 + 8'000) * 1'000'000, true, 2.0);
        QTRY_COMPARE_WITH_TIMEOUT(player->playbackState(), QMediaPlayer::PlayingState, 5'000);
        QCOMPARE(player->playbackRate(), 2.0);
        QTRY_VERIFY_WITH_TIMEOUT(player->position() > 9'000, 5'000);
        QVERIFY(pane.statusText().contains(QStringLiteral("follows the replay")));

        // A seek in the replay while it plays: the video jumps there.
        pane.followReplay((kT0 + 15'000) * 1'000'000, true, 2.0);
        QTRY_VERIFY_WITH_TIMEOUT(player->position() >= 15'000 && player->position() < 17'500, 5'000);

        // Paused again: the video pauses on the replay's frame.
        pane.followReplay((kT0 + 12'000) * 1'000'000, false, 2.0);
        QTRY_VERIFY_WITH_TIMEOUT(player->playbackState() != QMediaPlayer::PlayingState, 5'000);
        QTRY_VERIFY_WITH_TIMEOUT(qAbs(player->position() - 12'000) <= 100, 5'000);

        // A replay before the video starts is said, and the video waits on its first frame.
        pane.followReplay((kT0 - 60'000) * 1'000'000, true, 1.0);
        QVERIFY(pane.statusText().contains(QStringLiteral("before the video starts")));
        QVERIFY(player->playbackState() != QMediaPlayer::PlayingState);
        pane.grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/video-pane.png"));

        // The alignment is remembered for this file.
        VideoPane again;
        again.openFile(kVideoDir + QStringLiteral("/clock-20s.ogv"));
        QVERIFY(again.clock().isAligned());
        QCOMPARE(again.clock().wallAtZeroMs(), kT0);
    }

    void streamDelayIsMeasured()
    {
        QFile file(kVideoDir + QStringLiteral("/stream-20s.mkv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        StreamServer server(file.readAll());
        VideoPane pane;
        pane.openUrl(server.url());
        QMediaPlayer *player = pane.player();
        QTRY_COMPARE_WITH_TIMEOUT(player->playbackState(), QMediaPlayer::PlayingState, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(player->position() > 500, 10'000);
        QVERIFY(pane.isLive());
        QVERIFY(!pane.streamDelayMs());
        QVERIFY(pane.statusText().contains(QStringLiteral("not measured")));
        // The stream shows now a goal the sports channel sent 3 s ago.
        pane.alignAt(player->position(), QDateTime::currentMSecsSinceEpoch() - 3'000);
        QVERIFY(pane.streamDelayMs());
        QVERIFY(qAbs(*pane.streamDelayMs() - 3'000) < 400);
        QTRY_VERIFY_WITH_TIMEOUT(pane.statusText().contains(QStringLiteral("behind the market")), 2'000);
    }

    void errorsInPlainWords()
    {
        VideoPane pane;
        pane.openFile(QStringLiteral("/nonexistent/game.mp4"));
        QVERIFY(pane.errorText().contains(QStringLiteral("There is no video file")));

        QTemporaryDir dir;
        const QString notVideo = dir.filePath(QStringLiteral("notes.mp4"));
        QFile f(notVideo);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        pane.openFile(notVideo);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.errorText().isEmpty(), 10'000);
        QVERIFY2(pane.errorText().startsWith(QStringLiteral("The video could not be opened"))
                     || pane.errorText().startsWith(QStringLiteral("This video's format")),
                 qPrintable(pane.errorText()));

        // A stream address where nothing listens.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        pane.openUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/live.m3u8").arg(port)));
        QTRY_VERIFY_WITH_TIMEOUT(pane.errorText().startsWith(QStringLiteral("The stream could not")), 10'000);
    }
};

QTEST_MAIN(TestVideo)
#include "tst_video.moc"
