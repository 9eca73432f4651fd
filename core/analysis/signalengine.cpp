#include "signalengine.h"

#include <algorithm>

namespace polymon {

namespace {

// Small fixed rings: no allocation per update.
template<typename T, std::size_t N>
struct Ring
{
    std::array<T, N> items{};
    std::size_t head = 0; // next write
    std::size_t size = 0;
    void push(const T &v)
    {
        items[head] = v;
        head = (head + 1) % N;
        size = std::min(size + 1, N);
    }
    T &back() { return items[(head + N - 1) % N]; }
    template<typename Fn>
    void forEach(Fn &&fn) const
    {
        for (std::size_t i = 0; i < size; ++i)
            fn(items[(head + N - size + i) % N]);
    }
};

struct DepthPoint
{
    std::int64_t ts = 0;
    Fixed bid = 0;
    Fixed ask = 0;
    Fixed mid = 0;
    std::uint64_t bidLevelsRemoved = 0; // the asset's cumulative counters then
    std::uint64_t askLevelsRemoved = 0;
};

struct TradePoint
{
    std::int64_t ts = 0;
    Fixed size = 0;
    bool hitBid = false; // taker SELL
};

struct MidPoint
{
    std::int64_t ts = 0;
    Fixed mid = 0;
    Fixed bid = 0; // band depth then
    Fixed ask = 0;
};

constexpr std::int64_t kDepthStepMs = 100; // depth history resolution
constexpr std::int64_t kMidStepMs = 1'000;  // mid history resolution

} // namespace

struct SignalEngine::State
{
    explicit State(const SignalSettings &s)
        : baseline(s.baselineBuckets, s.bucketSeconds)
    {
    }
    RollingBaseline baseline;
    std::string assetId;
    std::string market;
    // The latest top within the current exchange timestamp, evaluated once
    // the timestamp is complete.
    bool pending = false;
    std::int64_t pendingTs = 0;
    BookMetrics metrics;
    // Depth near where the price was when the pull window began (anchorMid),
    // which a pull at the touch cannot move the way it moves the mid.
    Fixed anchorMid = 0;
    Fixed nearBid = 0;
    Fixed nearAsk = 0;
    Fixed tick = 10'000;
    std::uint64_t bidLevelsRemoved = 0;
    std::uint64_t askLevelsRemoved = 0;
    std::int64_t lastSampleMs = INT64_MIN / 2;
    std::int64_t thinSinceMs = -1; // thin and wide since (vacuum), -1 when not
    Ring<DepthPoint, 128> depth;
    Ring<TradePoint, 128> trades;
    Ring<MidPoint, 256> mids;
    std::array<std::int64_t, kSignalTypeCount> lastSignalMs{INT64_MIN / 2, INT64_MIN / 2, INT64_MIN / 2, INT64_MIN / 2};
};

SignalEngine::SignalEngine(const SignalSettings &settings, SignalListener *listener)
    : m_settings(settings)
    , m_detector(m_settings)
    , m_outcomes(settings.horizonMs)
    , m_listener(listener ? listener : &m_nullListener)
{
    m_fired.reserve(4);
}

SignalEngine::~SignalEngine() = default;

void SignalEngine::updateSettings(const SignalSettings &settings)
{
    const int buckets = m_settings.baselineBuckets;
    const int bucketSeconds = m_settings.bucketSeconds;
    const int horizonMs = m_settings.horizonMs;
    m_settings = settings; // the detector reads m_settings by reference
    m_settings.baselineBuckets = buckets;
    m_settings.bucketSeconds = bucketSeconds;
    m_settings.horizonMs = horizonMs;
}

void SignalEngine::setLearnOnly(bool on)
{
    flush(); // what is pending belongs to the stream that sent it
    if (m_learnOnly && !on) {
        for (auto &[id, st] : m_states) {
            st->depth = {};
            st->trades = {};
            st->mids = {};
        }
    }
    m_learnOnly = on;
}

void SignalEngine::forget(const std::string &assetId)
{
    const auto it = m_states.find(assetId);
    if (it == m_states.end())
        return;
    std::erase(m_dirty, it->second.get());
    std::erase(m_thinWatch, it->second.get());
    m_states.erase(it);
}

SignalEngine::State &SignalEngine::state(const std::string &assetId)
{
    auto it = m_states.find(assetId);
    if (it == m_states.end()) {
        it = m_states.emplace(assetId, std::make_unique<State>(m_settings)).first;
        it->second->assetId = assetId;
    }
    return *it->second;
}

const RollingBaseline *SignalEngine::baseline(const std::string &assetId) const
{
    const auto it = m_states.find(assetId);
    return it == m_states.end() ? nullptr : &it->second->baseline;
}

void SignalEngine::seedBaseline(const std::string &assetId, std::int64_t timestampMs, const BaselineSample &sample)
{
    learn(state(assetId), timestampMs, sample);
}

void SignalEngine::learn(State &st, std::int64_t timestampMs, BaselineSample sample) const
{
    // Winsorised: once warm, a sample counts at most baselineClipZ of the
    // hour's own deviations above its mean, so the floods the detector looks
    // for do not inflate the baseline they are measured against (which would
    // hide the next one and make ordinary books look thin).
    const RollingBaseline &b = st.baseline;
    const double k = m_settings.baselineClipZ;
    if (k > 0 && b.warmMinutes() >= m_settings.minWarmupMinutes) {
        auto cap = [&](double mean, double sd) { return mean + k * m_settings.deviation(mean, sd); };
        sample.bandBidDepth = std::min(sample.bandBidDepth, Fixed(cap(b.meanBidDepth(), b.sdBidDepth()) * double(kFixedScale)));
        sample.bandAskDepth = std::min(sample.bandAskDepth, Fixed(cap(b.meanAskDepth(), b.sdAskDepth()) * double(kFixedScale)));
        sample.spreadTicks = std::min(sample.spreadTicks, cap(b.meanSpreadTicks(), b.sdSpreadTicks()));
    }
    st.baseline.addSample(timestampMs, sample);
}

void SignalEngine::onTrade(const AssetBook &asset, const LastTradeEvent &event)
{
    State &st = state(asset.assetId);
    st.baseline.addVolume(event.timestampMs, event.size);
    st.trades.push(TradePoint{event.timestampMs, event.size, event.side == Side::Sell});
}

void SignalEngine::onTop(const AssetBook &asset, std::int64_t ts)
{
    // Entries sharing a timestamp were applied at once by the exchange: the
    // states between them never existed there. Evaluate each asset once per
    // timestamp, when a later one arrives (or on flush()).
    if (ts > m_clockMs)
        flush();
    m_clockMs = std::max(m_clockMs, ts);
    if (!asset.synced())
        return;
    State &st = state(asset.assetId);
    if (st.market.empty())
        st.market = asset.market;
    st.metrics = asset.book.metrics(m_settings.band);
    const Fixed anchor = st.anchorMid > 0 ? st.anchorMid : st.metrics.mid;
    st.nearBid = asset.book.bidDepthNear(anchor, m_settings.band);
    st.nearAsk = asset.book.askDepthNear(anchor, m_settings.band);
    st.tick = asset.tickSize > 0 ? asset.tickSize : 10'000;
    st.bidLevelsRemoved = asset.bidLevelsRemoved;
    st.askLevelsRemoved = asset.askLevelsRemoved;
    st.pendingTs = ts;
    if (!st.pending) {
        st.pending = true;
        m_dirty.push_back(&st);
    }
}

void SignalEngine::flush()
{
    for (State *st : m_dirty) {
        st->pending = false;
        evaluate(*st);
    }
    m_dirty.clear();
    // A vacuum must hold for vacuumMinMs, and a deserted book may send
    // nothing meanwhile: once event time has passed that mark with its book
    // unchanged, look at it again as of the latest closed timestamp.
    for (std::size_t i = 0; i < m_thinWatch.size();) {
        State *st = m_thinWatch[i];
        const std::int64_t due = st->thinSinceMs + m_settings.vacuumMinMs;
        if (st->thinSinceMs >= 0 && !st->pending && st->pendingTs < due && m_clockMs >= due) {
            st->pendingTs = m_clockMs;
            evaluate(*st);
        }
        if (st->thinSinceMs < 0 || st->pendingTs >= due) {
            m_thinWatch[i] = m_thinWatch.back();
            m_thinWatch.pop_back();
        } else {
            ++i;
        }
    }
    resolveDue(m_clockMs);
}

void SignalEngine::evaluate(State &st)
{
    const std::int64_t ts = st.pendingTs;
    const BookMetrics &m = st.metrics;
    if (!m.twoSided())
        return;
    if (!m_learnOnly)
        m_outcomes.onTop(st.assetId, ts, m.bestBid, m.bestAsk);

    // Short histories for the pull window and the price lookback.
    if (st.depth.size == 0 || ts - st.depth.back().ts >= kDepthStepMs) {
        st.depth.push(DepthPoint{ts, m.bandBidDepth, m.bandAskDepth, m.mid, st.bidLevelsRemoved, st.askLevelsRemoved});
    } else {        DepthPoint &last = st.depth.back();
        last.bid = std::max(last.bid, m.bandBidDepth);
        last.ask = std::max(last.ask, m.bandAskDepth);
    }
    if (st.mids.size == 0 || ts - st.mids.back().ts >= kMidStepMs)
        st.mids.push(MidPoint{ts, m.mid, m.bandBidDepth, m.bandAskDepth});

    DetectorInput in;
    in.metrics = m;
    in.nearBid = st.nearBid;
    in.nearAsk = st.nearAsk;
    in.health = Health::evaluate(m, ts, ts, m_settings);
    in.baselineBid = st.baseline.meanBidDepth();
    in.baselineAsk = st.baseline.meanAskDepth();
    in.tick = st.tick;
    in.baselineSpreadTicks = st.baseline.meanSpreadTicks();
    in.sdBid = st.baseline.sdBidDepth();
    in.sdAsk = st.baseline.sdAskDepth();
    in.sdSpreadTicks = st.baseline.sdSpreadTicks();
    in.warmMinutes = st.baseline.warmMinutes();
    Fixed pastMid = m.mid;
    in.earlierBid = m.bandBidDepth;
    in.earlierAsk = m.bandAskDepth;
    st.mids.forEach([&](const MidPoint &p) {
        if (p.ts <= ts - m_settings.priceLookbackMs)
            pastMid = p.mid;
        if (p.ts <= ts - m_settings.spikeLookbackMs) {
            in.earlierBid = p.bid;
            in.earlierAsk = p.ask;
        }
    });
    in.priceChange = m.mid - pastMid;
    const std::int64_t windowStart = ts - m_settings.pullWindowMs;
    // The window covers the state just before it began, too: on a quiet book
    // that state may be older than the window itself.
    std::uint64_t bidRemovedBefore = st.bidLevelsRemoved;
    std::uint64_t askRemovedBefore = st.askLevelsRemoved;
    const DepthPoint *before = nullptr;
    auto include = [&](const DepthPoint &p) {
        in.peakBid = std::max(in.peakBid, p.bid);
        in.peakAsk = std::max(in.peakAsk, p.ask);
        bidRemovedBefore = std::min(bidRemovedBefore, p.bidLevelsRemoved);
        askRemovedBefore = std::min(askRemovedBefore, p.askLevelsRemoved);
    };
    const DepthPoint *first = nullptr;
    st.depth.forEach([&](const DepthPoint &p) {
        if (p.ts >= windowStart) {
            include(p);
            if (!first)
                first = &p;
        } else {
            before = &p;
        }
    });
    if (before)
        include(*before);
    // The next update's near depth is measured around the mid as the window began.
    const DepthPoint *start = before ? before : first;
    st.anchorMid = start ? start->mid : m.mid;
    in.startBid = start ? start->bid : m.bandBidDepth;
    in.startAsk = start ? start->ask : m.bandAskDepth;
    in.bidLevelsRemoved = int(st.bidLevelsRemoved - bidRemovedBefore);
    in.askLevelsRemoved = int(st.askLevelsRemoved - askRemovedBefore);
    st.trades.forEach([&](const TradePoint &t) {
        if (t.ts >= windowStart)
            (t.hitBid ? in.tradedAgainstBid : in.tradedAgainstAsk) += t.size;
    });

    if (!m_detector.thinAndWide(in))
        st.thinSinceMs = -1;
    else if (st.thinSinceMs < 0) {
        st.thinSinceMs = ts;
        if (m_settings.vacuumMinMs > 0)
            m_thinWatch.push_back(&st);
    }
    in.vacuumHeldMs = st.thinSinceMs < 0 ? 0 : ts - st.thinSinceMs;

    std::array<bool, kSignalTypeCount> cooling{};
    const int cooldowns[kSignalTypeCount] = {m_settings.cooldownPanicMs, m_settings.cooldownFomoMs,
                                             m_settings.cooldownVacuumMs, m_settings.cooldownPullMs};
    for (int i = 0; i < kSignalTypeCount; ++i)
        cooling[std::size_t(i)] = ts - st.lastSignalMs[std::size_t(i)] < cooldowns[i];

    m_fired.clear();
    if (!m_learnOnly)
        m_detector.evaluate(in, cooling, m_fired);
    for (Signal &s : m_fired) {
        s.id = m_nextId++;
        s.assetId = st.assetId;
        s.market = st.market;
        s.timestampMs = ts;
        st.lastSignalMs[std::size_t(s.type)] = ts;
        m_listener->onSignal(s);
        m_outcomes.track(s);
    }

    // The baseline learns after the detector looked: an episode is compared
    // with what came before it, one sample per interval of event time.
    if (ts - st.lastSampleMs >= m_settings.sampleIntervalMs) {
        st.lastSampleMs = ts;
        learn(st, ts, BaselineSample{m.bandBidDepth, m.bandAskDepth, double(m.spread) / double(in.tick), m.imbalance});
    }
}

void SignalEngine::resolveDue(std::int64_t nowMs)
{
    if (m_outcomes.openCount() == 0 || nowMs < m_nextResolveMs)
        return;
    m_nextResolveMs = nowMs + 1000; // sweep at most once per second of event time
    for (const Signal &s : m_outcomes.resolveDue(nowMs))
        m_listener->onOutcome(s);
}

void SignalEngine::finish()
{
    flush();
    for (const Signal &s : m_outcomes.resolveAll())
        m_listener->onOutcome(s);
}

} // namespace polymon
