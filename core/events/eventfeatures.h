#pragma once

#include "analysis/signallistener.h"
#include "marketevent.h"
#include "midseries.h"

#include <QStringList>

#include <vector>

namespace polymon {

// The book as it stood at each event, for the predictive model: while a
// recording replays, each event takes the features of its token's book
// from the last top before it (the token it names, else its market's first
// token; events naming neither are left out). Features: the imbalance of
// depth within 5 ticks of the mid (-1..1), the spread in ticks, the mid's
// move over the 30 s before (in ticks), the signal state (the side the
// token's signals of the last 60 s recommend: +1 buy, -1 sell, summed;
// given when a SignalEngine replays beside it), and the event's type. The label
// is the sign of the mid's move over the horizon after (flat: left out).
class EventFeatureRecorder final : public BookListener, public SignalListener
{
public:
    struct Sample
    {
        std::int64_t tsMs = 0;
        QString type;
        double imbalance = 0;
        double spreadTicks = 0;
        double momentumTicks = 0;
        double signalLean = 0;
        bool up = false;
    };

    // `events` in time order.
    EventFeatureRecorder(std::vector<MarketEvent> events, int horizonS);

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void onSignal(const Signal &signal) override;
    // The samples whose horizon the recording covered, once it has played.
    std::vector<Sample> samples() const;
    int skipped() const noexcept { return m_skipped; }

private:
    struct Pending
    {
        MarketEvent event;
        bool taken = false;
        Sample sample;
        QString token;
        Fixed midAt = 0;
    };
    struct TokenState
    {
        double imbalance = 0;
        double spreadTicks = 0;
        Fixed mid = 0;
        Fixed tick = 10'000;
        bool twoSided = false;
    };
    void takeDue(std::int64_t beforeMs);
    double leanAt(const QString &token, std::int64_t tsMs) const;

    struct SignalMark
    {
        std::int64_t tsMs = 0;
        int lean = 0;
    };
    QHash<QString, std::vector<SignalMark>> m_signals; // by token, in time order
    std::vector<Pending> m_pending;
    std::size_t m_next = 0; // first event not yet taken
    QHash<QString, TokenState> m_tokens;
    MidSeries m_mids;
    std::int64_t m_horizonMs;
    int m_skipped = 0;
};

} // namespace polymon
