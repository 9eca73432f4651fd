#pragma once

// A signal with every stored field set, for the storage tests.

#include "analysis/signal.h"

#include <cstdint>

inline polymon::Signal sampleSignal(const char *asset, std::int64_t ts, const char *description,
                                    polymon::SignalType type = polymon::SignalType::PanicSell)
{
    polymon::Signal s;
    s.type = type;
    s.side = polymon::SignalSide::Buy;
    s.assetId = asset;
    s.market = "0xmarket";
    s.timestampMs = ts;
    s.confidence = 73;
    s.depthRatio = 4.25;
    s.spreadRatio = 2.5;
    s.imbalance = -0.8;
    s.priceChange = -30'000;
    s.expectedReversion = 15'000;
    s.bestBid = 470'000;
    s.bestAsk = 510'000;
    s.mid = 490'000;
    s.description = description;
    return s;
}
