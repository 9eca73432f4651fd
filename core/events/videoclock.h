#pragma once

#include <cstdint>

namespace polymon {

// Where a video sits on the market's clock. A VOD is aligned by the wall
// time its position 0 shows (a frame the user recognises, an event seen in
// it, or the file's recorded date); a live stream by its delay, measured on
// an event seen in both the feed and the picture.
class VideoClock
{
public:
    bool isAligned() const noexcept { return m_aligned; }
    // The frame at `positionMs` shows the wall time `wallMs`.
    void alignAt(std::int64_t positionMs, std::int64_t wallMs) noexcept;
    void clear() noexcept { m_aligned = false; }
    std::int64_t wallAtZeroMs() const noexcept { return m_wallAtZero; }
    // The video position that shows market time `marketMs` (may fall outside the video).
    std::int64_t positionFor(std::int64_t marketMs) const noexcept { return marketMs - m_wallAtZero; }
    std::int64_t marketTimeAt(std::int64_t positionMs) const noexcept { return m_wallAtZero + positionMs; }

private:
    std::int64_t m_wallAtZero = 0;
    bool m_aligned = false;
};

// What the player does to follow a replay: the books lead, the video
// follows. Up to `kMaxRate` the video plays at the replay's speed and is
// put back only when it drifts; faster (or "as fast as possible") it is
// paused and shown at the replay's time, like scrubbing.
struct VideoFollow
{
    static constexpr double kMaxRate = 4.0;
    enum class State { Play, Pause };
    enum class Where { Inside, Before, After };

    State state = State::Pause;
    double rate = 1.0;
    bool seek = false;
    std::int64_t positionMs = 0;
    Where where = Where::Inside;

    // `speed` 0 is "as fast as possible"; `durationMs` 0 when not known yet.
    static VideoFollow decide(const VideoClock &clock, std::int64_t marketMs, bool playing, double speed,
                              std::int64_t playerPositionMs, std::int64_t durationMs);
    // How far the player may drift from the replay before it is put back.
    static std::int64_t tolerance(bool playing, double speed);
};

} // namespace polymon
