#pragma once

#include "signal.h"

#include <string>

namespace polymon {

// One signal as a JSON line (the `--emit signals` format):
// {"type","asset_id","ts","side","confidence","expected_reversion",
//  "ratios":{"depth","spread","imbalance","price_change"},"description"}
// plus, once resolved, "outcome":{"reverted","reversion_time_s",
// "max_profit","max_adverse"}. Prices are exact decimal strings.
class SignalJson final
{
public:
    static std::string line(const Signal &signal, bool withOutcome);
};

} // namespace polymon
