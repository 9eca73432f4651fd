#include "videoclock.h"

#include <algorithm>
#include <cstdlib>

namespace polymon {

void VideoClock::alignAt(std::int64_t positionMs, std::int64_t wallMs) noexcept
{
    m_wallAtZero = wallMs - positionMs;
    m_aligned = true;
}

std::int64_t VideoFollow::tolerance(bool playing, double speed)
{
    // Paused, the picture must show the replay's frame; playing, a seek
    // costs a stutter, so only a drift the eye would notice is corrected.
    if (!playing)
        return 40;
    return std::max<std::int64_t>(500, std::int64_t(250 * speed));
}

VideoFollow VideoFollow::decide(const VideoClock &clock, std::int64_t marketMs, bool playing, double speed,
                                std::int64_t playerPositionMs, std::int64_t durationMs)
{
    VideoFollow f;
    std::int64_t target = clock.positionFor(marketMs);
    if (target < 0) {
        f.where = Where::Before;
        target = 0;
    } else if (durationMs > 0 && target > durationMs) {
        f.where = Where::After;
        target = durationMs;
    }
    f.positionMs = target;
    const bool follows = playing && f.where == Where::Inside && speed > 0 && speed <= kMaxRate;
    f.state = follows ? State::Play : State::Pause;
    f.rate = follows ? speed : 1.0;
    f.seek = std::llabs(playerPositionMs - target) > tolerance(follows, speed);
    return f;
}

} // namespace polymon
