#pragma once

#include "book/assetbook.h"

#include <cstdint>
#include <string>

namespace polymon {

// The `--emit tops` JSON line of design.md:
// {"asset_id","ts","best_bid","best_ask","bid_depth","ask_depth"}; prices and
// depths as exact decimal strings, ts as integer milliseconds, null for the
// best price of an empty side (its depth is "0").
class TopsLine final
{
public:
    static void append(std::string &out, const AssetBook &asset, std::int64_t timestampMs);
};

} // namespace polymon
