#include "strategysettings.h"

#include <cstring>

namespace polymon {

const char *strategyModeName(StrategyMode mode) noexcept
{
    switch (mode) {
    case StrategyMode::None: return "none";
    case StrategyMode::Fade: return "fade";
    case StrategyMode::Follow: return "follow";
    }
    return "none";
}

bool strategyModeFromName(const char *name, StrategyMode &mode) noexcept
{
    for (StrategyMode m : {StrategyMode::None, StrategyMode::Fade, StrategyMode::Follow}) {
        if (std::strcmp(name, strategyModeName(m)) == 0) {
            mode = m;
            return true;
        }
    }
    return false;
}

} // namespace polymon
