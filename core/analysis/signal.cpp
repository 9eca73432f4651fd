#include "signal.h"

namespace polymon {

const char *signalTypeName(SignalType type) noexcept
{
    switch (type) {
    case SignalType::PanicSell: return "PANIC_SELL";
    case SignalType::FomoBuy: return "FOMO_BUY";
    case SignalType::LiquidityVacuum: return "LIQUIDITY_VACUUM";
    case SignalType::DepthPull: return "DEPTH_PULL";
    }
    return "?";
}

const char *signalSideName(SignalSide side) noexcept
{
    switch (side) {
    case SignalSide::Buy: return "BUY";
    case SignalSide::Sell: return "SELL";
    case SignalSide::Avoid: return "AVOID";
    }
    return "?";
}

bool signalTypeFromName(std::string_view name, SignalType &type) noexcept
{
    for (int i = 0; i < kSignalTypeCount; ++i) {
        if (name == signalTypeName(SignalType(i))) {
            type = SignalType(i);
            return true;
        }
    }
    return false;
}

} // namespace polymon
