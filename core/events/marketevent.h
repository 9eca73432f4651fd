#pragma once

#include <QString>

#include <cstdint>

namespace polymon {

// Something that happened, on the market's clock: a goal, a period change,
// a burst of chat, a line of a user's own file. The market (condition id)
// or the token it concerns may be named; neither: every market of the stream.
struct MarketEvent
{
    std::int64_t tsMs = 0;
    QString type;
    QString market;
    QString assetId;
    QString text;
    QString slug; // a sports game's slug (Polymarket's event slug), when the feed names one
};

} // namespace polymon
