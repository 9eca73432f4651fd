#pragma once

#include "strategystats.h"

#include <cstdint>
#include <vector>

namespace polymon {

// One step of a walk-forward: the grid point that did best on the tuning
// window, and what it then did on the next window, which it never saw.
struct WalkForwardFold
{
    std::int64_t tuneFromMs = 0;
    std::int64_t testFromMs = 0; // the tuning window ends here
    std::int64_t testToMs = 0;
    int chosen = 0; // index into the grid
    StrategyStats inSample;
    StrategyStats outOfSample;
};

struct WalkForwardResult
{
    std::vector<WalkForwardFold> folds;
    // The chosen points' trades over every fold: tuned on (in-sample) and
    // then traded unseen (out-of-sample). A large gap between them is the
    // overfitting the grid bought.
    StrategyStats inSample;
    StrategyStats outOfSample;
};

// Rolling walk-forward over a recording's exchange-time span cut into
// folds + 1 equal windows: tune on window i (best net PnL; ties go to more
// wins, then the earlier point), report on window i + 1.
class WalkForward final
{
public:
    // A window for people: "01-01 00:08–00:17 UTC", the date repeated only
    // when the window crosses midnight.
    static QString windowText(std::int64_t fromMs, std::int64_t toMs);
    static WalkForwardResult run(const std::vector<std::vector<StrategyTrade>> &tradesPerPoint, std::int64_t startMs,
                                 std::int64_t endMs, int folds);
};

} // namespace polymon
