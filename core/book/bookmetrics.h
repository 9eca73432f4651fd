#pragma once

#include "protocol/fixedpoint.h"

#include <cstdint>

namespace polymon {

// Derived measures of one book. Prices stay fixed-point; only the
// dimensionless imbalance is a double.
struct BookMetrics
{
    bool hasBid = false;
    bool hasAsk = false;
    Fixed bestBid = 0;
    Fixed bestAsk = 0;
    Fixed bestBidSize = 0;
    Fixed bestAskSize = 0;
    Fixed spread = 0;     // valid when both sides exist
    Fixed mid = 0;        // valid when both sides exist
    Fixed microprice = 0; // size-weighted: leans toward the thinner side's price
    Fixed bidDepth = 0;   // all levels
    Fixed askDepth = 0;
    Fixed bandBidDepth = 0; // levels within the band around mid
    Fixed bandAskDepth = 0;
    double imbalance = 0.0; // (bid - ask) / (bid + ask) over the band, -1..1
    int bidLevels = 0;
    int askLevels = 0;
    bool crossed = false; // best bid >= best ask (locked counts)

    bool twoSided() const noexcept { return hasBid && hasAsk; }
};

} // namespace polymon
