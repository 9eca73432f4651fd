// Raw capture costs: writing each frame of the 1M-entry stream (as the
// recorder does, CRC and buffered write included), replaying the capture
// through the parser and books against the same stream as JSONL, and
// seeking in it: the frames at 5,000 per recorded second with a checkpoint
// every minute, the player opened and sought to several moments.
// usage: bench_capture STREAM.jsonl   (bench_replay 1000000 STREAM.jsonl writes one)
#include "book/bookstore.h"
#include "capture/capturewriter.h"
#include "analysis/signalsettings.h"
#include "monitor/marketmonitor.h"
#include "session/captureplayer.h"
#include "replay/framesplitter.h"
#include "replay/replayengine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace polymon;
using Clock = std::chrono::steady_clock;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_capture STREAM.jsonl\n");
        return 2;
    }
    QFile in(QString::fromLocal8Bit(argv[1]));
    if (!in.open(QIODevice::ReadOnly))
        return 1;
    const QByteArray text = in.readAll();
    const auto frames = FrameSplitter::split(std::string_view(text.constData(), std::size_t(text.size())));
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("stream.pmcap")).toStdString();
    double bestWrite = 1e9;
    for (int run = 0; run < 3; ++run) {
        CaptureWriter writer;
        std::string error;
        if (!writer.open(path, 0, error))
            return 1;
        const auto start = Clock::now();
        std::int64_t t = 1'700'000'000'000'000'000;
        for (std::string_view f : frames)
            writer.writeFrame(0, t += 200'000, f);
        writer.close();
        bestWrite = std::min(bestWrite, std::chrono::duration<double>(Clock::now() - start).count());
    }
    const double perFrameNs = bestWrite * 1e9 / double(frames.size());
    double bestReplay = 1e9, bestJsonl = 1e9;
    std::uint64_t entries = 0;
    for (int run = 0; run < 5; ++run) {
        for (const bool capture : {true, false}) {
            ReplayEngine engine;
            std::string error;
            if (!engine.loadFile(capture ? path : std::string(argv[1]), error))
                return 1;
            const ReplaySummary s = engine.run();
            entries = s.entriesApplied;
            (capture ? bestReplay : bestJsonl) = std::min(capture ? bestReplay : bestJsonl, s.seconds);
        }
    }
    // Seeking: the frames 200 us apart (5,000 a recorded second), the
    // recorder's books checkpointed every recorded minute.
    const std::string seekPath = dir.filePath(QStringLiteral("seek.pmcap")).toStdString();
    QStringList assets;
    {
        CaptureWriter writer;
        std::string error;
        if (!writer.open(seekPath, 0, error))
            return 1;
        BookStore books;
        FrameParser parser;
        const std::int64_t t0 = 1'700'000'000'000'000'000;
        std::int64_t t = t0, nextCheckpoint = t0 + 60'000'000'000;
        for (std::string_view f : frames) {
            if (t >= nextCheckpoint) {
                writer.writeCheckpoint(t, books);
                nextCheckpoint += 60'000'000'000;
            }
            writer.writeFrame(0, t, f);
            parser.parse(f, books);
            t += 200'000;
        }
        books.forEach([&assets](const AssetBook &a) { assets << QString::fromStdString(a.assetId); });
    }
    auto player = std::make_unique<CapturePlayer>();
    CapturePlayer *p = player.get();
    QString openError;
    QElapsedTimer open;
    open.start();
    if (!p->open(QString::fromStdString(seekPath), openError))
        return 1;
    const double openMs = double(open.nsecsElapsed()) / 1e6;
    const double mb = double(QFileInfo(QString::fromStdString(seekPath)).size()) / 1e6;
    MarketMonitor monitor(std::move(player), FeedSettings{});
    monitor.subscribe(assets);
    double worstSeekMs = 0;
    const std::int64_t span = p->endNs() - p->startNs();
    for (const double f : {0.59, 0.05, 0.99, 0.30, 0.61, 0.90}) {
        QElapsedTimer seek;
        seek.start();
        p->seek(p->startNs() + std::int64_t(double(span) * f));
        worstSeekMs = std::max(worstSeekMs, double(seek.nsecsElapsed()) / 1e6);
    }
    // The full session: the player as fast as possible into a monitor with
    // the signal engine, through the event loop, from the first frame to the last.
    monitor.enableSignals(SignalSettings{});
    p->seek(p->startNs());
    const std::uint64_t entriesBefore = monitor.books().stats().entriesApplied;
    QEventLoop loop;
    QObject::connect(p, &CapturePlayer::finished, &loop, &QEventLoop::quit);
    p->setSpeed(0);
    QElapsedTimer session;
    session.start();
    p->play();
    loop.exec();
    const double sessionS = double(session.nsecsElapsed()) / 1e9;
    const std::uint64_t sessionEntries = monitor.books().stats().entriesApplied - entriesBefore;

    std::printf("| capture write, per frame (CRC-32C and buffered write) | %.0f ns | %zu frames in %.3f s: %.1f %% of one core at 5,000 msgs/s |\n",
                perFrameNs, frames.size(), bestWrite, perFrameNs * 5000 / 1e7);
    std::printf("| replay of the capture (records, CRC check, parse, books) | %.2f M entries/s | as JSONL: %.2f M entries/s |\n",
                double(entries) / bestReplay / 1e6, double(entries) / bestJsonl / 1e6);
    std::printf("| seek (checkpoint every recorded minute, 5,000 frames a second) | worst %.0f ms of 6 | up to a minute of "
                "frames replayed after the checkpoint; opening: %.0f ms for %.0f MB (%.1f GB/s), once per file |\n",
                worstSeekMs, openMs, mb, mb / openMs);
    std::printf("| full session replay, as fast as possible (player, event loop, monitor, books, signal engine) | %.2f M entries/s | "
                "%llu entries in %.2f s (the desktop's path for \"as fast as possible\") |\n",
                double(sessionEntries) / sessionS / 1e6, static_cast<unsigned long long>(sessionEntries), sessionS);
    return 0;
}
