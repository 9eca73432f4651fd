#pragma once

#include "capture/capturewriter.h"
#include "sim/simengine.h"

#include <QString>

#include <cstdint>

namespace polymon::test {

// Simulated minutes with scripted signal episodes from minute 15 on,
// written as a raw capture (no sockets: the simulator's own clock, a frame
// every 50 ms over 4 markets).
inline bool writeEpisodeCapture(const QString &path, quint64 seed, int minutes)
{
    SimEngine engine(seed, 4);
    const std::int64_t t0 = 1'767'225'600'000;
    engine.scheduleEpisodes(t0 + 15 * 60'000, t0 + minutes * 60'000, 3 * 60'000);
    CaptureWriter writer;
    std::string error;
    if (!writer.open(path.toStdString(), t0 * 1'000'000, error))
        return false;
    for (const std::string &id : engine.allAssetIds())
        writer.writeFrame(0, t0 * 1'000'000, engine.bookEvent(id, t0));
    for (std::int64_t t = t0; t < t0 + minutes * 60'000; t += 50)
        writer.writeFrame(0, t * 1'000'000, engine.next(t).json);
    return true;
}

} // namespace polymon::test
