#include "strategytrade.h"

namespace polymon {

const char *exitReasonName(ExitReason reason) noexcept
{
    switch (reason) {
    case ExitReason::Hold: return "hold";
    case ExitReason::Stop: return "stop";
    case ExitReason::End: return "end";
    }
    return "end";
}

} // namespace polymon
