#pragma once

#include "marketevent.h"

#include <QRegularExpression>
#include <QStringList>

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

namespace polymon {

// A chat's activity as events: messages per second (`chat_rate`, for the
// cross-correlation with the book), bursts (`chat_burst`: the last 5 s run
// at `burstFactor` times the usual rate, learned over the last minutes)
// and keyword hits (`chat_keyword`, a keyword at most once per cooldown,
// with how many messages named it). The events carry the market, token or
// game slug the chat is followed for.
class ChatActivity final
{
public:
    struct Options
    {
        QStringList keywords;       // matched case-insensitively as words
        double burstFactor = 3.0;
        double minBurstRate = 3.0;  // messages a second: quieter is never a burst
        int warmupS = 30;           // the usual rate needs this much chat first
        int keywordCooldownMs = 10'000;
    };

    ChatActivity(Options options, MarketEvent concerns);

    // A message; a keyword hit is appended to `out` at once.
    void add(std::int64_t tsMs, const QString &text, std::vector<MarketEvent> &out);
    // Closes the seconds before `nowMs`, appending their events.
    void advance(std::int64_t nowMs, std::vector<MarketEvent> &out);
    double usualRate() const noexcept { return m_usual; }
    double recentRate() const; // the last 5 closed seconds
    bool inBurst() const noexcept { return m_inBurst; }

private:
    MarketEvent event(std::int64_t tsMs, const QString &type, const QString &text) const;

    Options m_options;
    MarketEvent m_concerns;
    std::vector<QRegularExpression> m_words;
    std::map<std::int64_t, int> m_open; // messages by second, not yet closed
    std::int64_t m_closedUntil = -1;    // seconds before this are closed
    std::deque<int> m_recent;           // the last closed seconds (5)
    double m_usual = 0;
    int m_seconds = 0;            // closed seconds seen
    bool m_inBurst = false;
    std::vector<std::int64_t> m_lastHitMs; // per keyword
};

} // namespace polymon
