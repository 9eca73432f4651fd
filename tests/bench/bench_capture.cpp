// Raw capture costs: writing each frame of the 1M-entry stream (as the
// recorder does, CRC and buffered write included) and replaying the capture
// through the parser and books, against the same stream as JSONL.
// usage: bench_capture STREAM.jsonl   (bench_replay 1000000 STREAM.jsonl writes one)
#include "capture/capturewriter.h"
#include "replay/framesplitter.h"
#include "replay/replayengine.h"

#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace polymon;
using Clock = std::chrono::steady_clock;

int main(int argc, char **argv)
{
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
    std::printf("| capture write, per frame (CRC-32C and buffered write) | %.0f ns | %zu frames in %.3f s: %.1f %% of one core at 5,000 msgs/s |\n",
                perFrameNs, frames.size(), bestWrite, perFrameNs * 5000 / 1e7);
    std::printf("| replay of the capture (records, CRC check, parse, books) | %.2f M entries/s | as JSONL: %.2f M entries/s |\n",
                double(entries) / bestReplay / 1e6, double(entries) / bestJsonl / 1e6);
    return 0;
}
