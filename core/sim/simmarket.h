#pragma once

#include "book/orderbook.h"

#include <string>

namespace polymon {

// One simulated binary market. Only the YES book is kept: the NO book is its
// mirror (a YES bid at p is a NO ask at 1 - p), as on the real exchange.
struct SimMarket
{
    std::string question;
    std::string slug;
    std::string conditionId; // 0x + 64 hex
    std::string yesToken;    // 77-digit decimal token ids
    std::string noToken;
    OrderBook yes;
    Fixed fair = 0;     // drifting fair value of YES
    Fixed anchor = 0;   // where the fair value drifts back to, slowly
    Fixed tick = 10'000; // 0.01
    double volume24h = 0.0;
    // A multi-outcome event it belongs to (empty: none) and its outcome there.
    std::string eventId;
    std::string eventTitle;
    std::string groupTitle;
};

} // namespace polymon
