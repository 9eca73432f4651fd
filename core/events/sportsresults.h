#pragma once

#include "marketevent.h"

#include <QHash>
#include <QJsonObject>

#include <vector>

namespace polymon {

// Turns the sports channel's `sport_result` updates (wss://sports-api.
// polymarket.com/ws: {"gameId", "leagueAbbreviation", "slug", "homeTeam",
// "awayTeam", "status", "score": "3-16", "period": "Q4", "elapsed", "live",
// "ended", "turn"}, each a game's whole state) into typed events by
// comparing each game with its last state: "live" when a game goes live,
// "score home" / "score away" when a side's score rises (one event per
// change, whatever the amount), "period" when the period changes, "ended",
// and "possession" (NFL, CFB). The first update of a game already under
// way gives its state ("status") without inventing changes.
class SportsResults final
{
public:
    // Events for one update at `receivedMs` (the feed carries no clock of
    // its own while live); false with the reason when it is not one.
    bool apply(const QJsonObject &update, std::int64_t receivedMs, std::vector<MarketEvent> &out, QString &error);
    int games() const { return int(m_games.size()); }

private:
    struct Game
    {
        QString score;
        QString period;
        QString turn;
        bool live = false;
        bool ended = false;
    };
    QHash<QString, Game> m_games; // by slug (or id)
};

} // namespace polymon
