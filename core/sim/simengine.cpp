#include "simengine.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <cstdio>

namespace polymon {

namespace {

constexpr Fixed kOne = kFixedScale;
constexpr Fixed kFineTick = 1'000;    // 0.001 near the ends, as on the exchange
constexpr Fixed kCoarseTick = 10'000; // 0.01
constexpr Fixed kFineLow = 40'000;    // 0.04
constexpr Fixed kFineHigh = 960'000;  // 0.96

const char *const kQuestions[] = {
    "Will the Fed cut rates at the next FOMC meeting?",
    "Will Bitcoin close above $150k this year?",
    "Will it snow in London on Christmas Day?",
    "Will the incumbent win the mayoral election?",
    "Will the home team win the championship final?",
    "Will a new smartphone model launch before March?",
    "Will inflation print below 2.5% next month?",
    "Will the space mission launch on schedule?",
    "Will the film gross $1B worldwide?",
    "Will the bill pass the Senate this session?",
    "Will ETH outperform BTC this quarter?",
    "Will the summit produce a joint statement?",
    "Will the storm make landfall as a Category 4?",
    "Will the company announce a stock split?",
    "Will the album debut at number one?",
    "Will turnout exceed 60% in the referendum?",
};

void appendFixed(std::string &out, Fixed v)
{
    char buf[32];
    out.append(buf, std::size_t(formatFixed(v, buf)));
}

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    out.append(buf, std::size_t(std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v))));
}

Fixed roundToTick(Fixed price, Fixed tick)
{
    return (price + tick / 2) / tick * tick;
}

} // namespace

SimEngine::SimEngine(quint64 seed, int marketCount)
    : m_random(seed)
    , m_seed(seed)
{
    const int count = std::max(1, marketCount);
    m_markets.resize(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        SimMarket &m = m_markets[std::size_t(i)];
        const int templates = int(sizeof kQuestions / sizeof kQuestions[0]);
        m.question = kQuestions[i % templates];
        if (i >= templates)
            m.question += " (#" + std::to_string(i / templates + 1) + ")";
        m.slug = "sim-market-" + std::to_string(i + 1);
        initMarket(m, -1, m_random);
        m.volume24h = 1e6 / double(i + 1) * (0.5 + m_random.generateDouble());
        for (int k = 1; k <= 15; ++k) {
            if (m.fair - k * m.tick > 0)
                m.yes.setLevel(Side::Buy, m.fair - k * m.tick, randomSize());
            if (m.fair + k * m.tick < kOne)
                m.yes.setLevel(Side::Sell, m.fair + k * m.tick, randomSize());
        }
    }
}

void SimEngine::initMarket(SimMarket &m, Fixed fair, QRandomGenerator64 &random)
{
    auto digits = [&random](int n) {
        std::string s;
        s += char('1' + random.bounded(9));
        for (int i = 1; i < n; ++i)
            s += char('0' + random.bounded(10));
        return s;
    };
    m.conditionId = "0x";
    for (int k = 0; k < 64; ++k)
        m.conditionId += "0123456789abcdef"[random.bounded(16)];
    m.yesToken = digits(77);
    m.noToken = digits(77);
    m.tick = kCoarseTick;
    m.fair = roundToTick(fair >= 0 ? fair : Fixed(150'000 + random.bounded(700'000)), m.tick);
    m.anchor = m.fair;
}

void SimEngine::addEvent(const std::string &eventId, const std::string &contest, const std::vector<std::string> &names,
                         const std::vector<Fixed> &fairs)
{
    QRandomGenerator64 random(m_seed ^ 0x5eed'e7e7ULL ^ std::hash<std::string>{}(eventId));
    for (std::size_t i = 0; i < names.size() && i < fairs.size(); ++i) {
        SimMarket m;
        m.question = "Will " + names[i] + " win " + contest + "?";
        m.slug = "sim-event-" + eventId + "-" + std::to_string(i + 1);
        m.eventId = eventId;
        m.eventTitle = "Who will win " + contest + "?";
        m.groupTitle = names[i];
        initMarket(m, std::clamp<Fixed>(fairs[i], 20'000, 980'000), random);
        m.volume24h = 2e5 / double(i + 1);
        for (int k = 1; k <= 15; ++k) {
            const Fixed size = std::max<Fixed>(1'000'000, Fixed(20.0 * std::exp(random.generateDouble() * 3.5)) * kFixedScale);
            if (m.fair - k * m.tick > 0)
                m.yes.setLevel(Side::Buy, m.fair - k * m.tick, size);
            if (m.fair + k * m.tick < kOne)
                m.yes.setLevel(Side::Sell, m.fair + k * m.tick, size);
        }
        m_markets.push_back(std::move(m));
    }
}

std::vector<std::string> SimEngine::allAssetIds() const
{
    std::vector<std::string> ids;
    for (const SimMarket &m : m_markets) {
        ids.push_back(m.yesToken);
        ids.push_back(m.noToken);
    }
    return ids;
}

int SimEngine::marketOf(std::string_view assetId) const
{
    for (std::size_t i = 0; i < m_markets.size(); ++i) {
        if (m_markets[i].yesToken == assetId || m_markets[i].noToken == assetId)
            return int(i);
    }
    return -1;
}

Fixed SimEngine::randomSize()
{
    // Skewed: tens to hundreds of contracts, up to about 660.
    const double u = m_random.generateDouble();
    const double units = 20.0 * std::exp(u * 3.5);
    const auto cents = Fixed(units * 100.0);
    return std::max<Fixed>(cents, 100) * (kFixedScale / 100);
}

std::string SimEngine::hashFor()
{
    // Opaque 40-hex audit value, like the exchange's.
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016llx%024llx", static_cast<unsigned long long>(m_random.generate()),
                  static_cast<unsigned long long>(++m_hashCounter));
    return std::string(buf, 40);
}

SimFrame SimEngine::next(std::int64_t nowMs)
{
    while (m_pending.empty())
        step(nowMs);
    SimFrame frame = std::move(m_pending.front());
    m_pending.pop_front();
    return frame;
}

void SimEngine::step(std::int64_t nowMs)
{
    runEpisodes(nowMs);
    if (!m_pending.empty())
        return;
    // Busier markets first in the catalog, as the browser sorts them.
    const double pick = m_random.generateDouble();
    int index = std::min(int(m_markets.size()) - 1, int(pick * pick * double(m_markets.size())));
    // A market in an episode is left to its script.
    for (int tries = 0; busy(index) && tries < int(m_markets.size()); ++tries)
        index = (index + 1) % int(m_markets.size());
    // Mostly quoting, some trading, and a slowly drifting fair value.
    const double r = m_random.generateDouble();
    if (r < 0.81)
        placeOrCancel(index, nowMs);
    else if (r < 0.97)
        trade(index, nowMs);
    else
        drift(index, nowMs);
}

void SimEngine::placeOrCancel(int index, std::int64_t nowMs)
{
    SimMarket &m = m_markets[std::size_t(index)];
    const Side side = m_random.bounded(2) ? Side::Buy : Side::Sell;
    const auto levels = side == Side::Buy ? m.yes.bids() : m.yes.asks();
    const int count = int(levels.size());
    // Market makers step into a wide spread: quote one tick inside it.
    if (m.yes.hasBid() && m.yes.hasAsk() && m.yes.bestAsk() - m.yes.bestBid() > 2 * m.tick
        && m_random.generateDouble() < 0.7) {
        const Fixed price = side == Side::Buy ? m.yes.bestBid() + m.tick : m.yes.bestAsk() - m.tick;
        emitLevel(index, side, price, randomSize(), nowMs);
        return;
    }
    const bool place = count < 8 || (count <= 30 && m_random.generateDouble() < 0.68);
    if (place) {
        const int k = 1 + int(-std::log(1.0 - m_random.generateDouble()) * 2.0);
        const Fixed anchor = roundToTick(m.fair, m.tick);
        const Fixed price = side == Side::Buy ? anchor - k * m.tick : anchor + k * m.tick;
        if (price <= 0 || price >= kOne)
            return;
        // Never cross: a crossing order would have traded instead.
        if (side == Side::Buy && m.yes.hasAsk() && price >= m.yes.bestAsk())
            return;
        if (side == Side::Sell && m.yes.hasBid() && price <= m.yes.bestBid())
            return;
        Fixed existing = 0;
        for (const PriceLevel &l : levels) {
            if (l.price == price)
                existing = l.size;
        }
        emitLevel(index, side, price, existing + randomSize(), nowMs);
        return;
    }
    // Cancel all (a third of the time) or part of one of the top twelve levels.
    const int depth = std::min(count, 12);
    const PriceLevel level = levels[std::size_t(count - 1 - int(m_random.bounded(depth)))];
    const Fixed remaining = m_random.bounded(3) == 0 ? 0 : level.size / 100 * Fixed(m_random.bounded(20, 90)) / 100 * 100;
    emitLevel(index, side, level.price, remaining, nowMs);
}

void SimEngine::trade(int index, std::int64_t nowMs)
{
    SimMarket &m = m_markets[std::size_t(index)];
    const Side aggressor = m_random.bounded(2) ? Side::Buy : Side::Sell;
    const bool buy = aggressor == Side::Buy;
    if (buy ? !m.yes.hasAsk() : !m.yes.hasBid())
        return;
    const PriceLevel top = buy ? m.yes.asks().back() : m.yes.bids().back();
    const Fixed taken = std::min(top.size, randomSize() / 2 / 10'000 * 10'000 + 10'000);

    printTrade(index, top.price, taken, buy, nowMs);
    m_user.traded(index, buy ? Side::Sell : Side::Buy, top.price, taken, m_userFills);
    emitLevel(index, buy ? Side::Sell : Side::Buy, top.price, top.size - taken, nowMs);
    // The exchange also sends a fresh book after a trade, in its later shape.
    if (m_random.bounded(5) == 0)
        m_pending.push_back({index, bookJson(m, true, nowMs, false)});
}

void SimEngine::drift(int index, std::int64_t nowMs)
{
    SimMarket &m = m_markets[std::size_t(index)];
    const Fixed step = m.tick;
    // A random walk that leans back toward its anchor the further it strays
    // (markets rarely pin at 0 or 1 for hours before they resolve).
    const double stray = double(m.fair - m.anchor) / 500'000.0;
    const bool up = m_random.generateDouble() < std::clamp(0.5 - stray, 0.1, 0.9);
    m.fair += up ? step : -step;
    m.fair = std::clamp<Fixed>(m.fair, 2 * kFineTick, kOne - 2 * kFineTick);

    const Fixed wanted = (m.fair < kFineLow || m.fair > kFineHigh) ? kFineTick : kCoarseTick;
    if (wanted != m.tick) {
        for (const std::string *token : {&m.yesToken, &m.noToken}) {
            std::string j = R"({"event_type":"tick_size_change","asset_id":")";
            j += *token;
            j += R"(","market":")";
            j += m.conditionId;
            j += R"(","old_tick_size":")";
            appendFixed(j, m.tick);
            j += R"(","new_tick_size":")";
            appendFixed(j, wanted);
            j += R"(","timestamp":")";
            appendInt(j, nowMs);
            j += R"("})";
            m_pending.push_back({index, std::move(j)});
        }
        m.tick = wanted;
    }
    // Quotes left on the wrong side of the new fair value are pulled.
    if (m.yes.hasBid() && m.yes.bestBid() >= m.fair)
        emitLevel(index, Side::Buy, m.yes.bestBid(), 0, nowMs);
    if (m.yes.hasAsk() && m.yes.bestAsk() <= m.fair)
        emitLevel(index, Side::Sell, m.yes.bestAsk(), 0, nowMs);
    if (m_pending.empty())
        placeOrCancel(index, nowMs);
}

void SimEngine::printTrade(int index, Fixed price, Fixed size, bool yesBuy, std::int64_t nowMs)
{
    SimMarket &m = m_markets[std::size_t(index)];
    // Each token prints its own trade: a YES buy at p is a NO sell at 1 - p.
    auto print = [&](const std::string &token, Fixed p, bool buySide) {
        std::string j;
        j.reserve(320);
        j += R"({"asset_id":")";
        j += token;
        j += R"(","event_type":"last_trade_price","fee_rate_bps":"0","market":")";
        j += m.conditionId;
        j += R"(","price":")";
        appendFixed(j, p);
        j += R"(","side":")";
        j += buySide ? "BUY" : "SELL";
        j += R"(","size":")";
        appendFixed(j, size);
        j += R"(","timestamp":")";
        appendInt(j, nowMs);
        j += R"("})";
        m_pending.push_back({index, std::move(j)});
    };
    print(m.yesToken, price, yesBuy);
    print(m.noToken, kOne - price, !yesBuy);
    m.volume24h += double(size) / double(kFixedScale) * double(price) / double(kFixedScale);
}

std::vector<SimEngine::Match> SimEngine::take(int market, Side side, Fixed limit, Fixed size, std::int64_t nowMs)
{
    std::vector<Match> matches;
    if (market < 0 || market >= int(m_markets.size()))
        return matches;
    SimMarket &m = m_markets[std::size_t(market)];
    const bool buy = side == Side::Buy;
    const Side bookSide = buy ? Side::Sell : Side::Buy;
    Fixed left = size;
    while (left > 0 && (buy ? m.yes.hasAsk() : m.yes.hasBid())) {
        const PriceLevel top = buy ? m.yes.asks().back() : m.yes.bids().back();
        if (buy ? top.price > limit : top.price < limit)
            break;
        const Fixed taken = std::min(left, top.size);
        printTrade(market, top.price, taken, buy, nowMs);
        m_user.traded(market, bookSide, top.price, taken, m_userFills);
        emitLevel(market, bookSide, top.price, top.size - taken, nowMs);
        matches.push_back({top.price, taken});
        left -= taken;
    }
    return matches;
}

void SimEngine::rest(std::uint64_t id, int market, Side side, Fixed price, Fixed size, std::int64_t nowMs)
{
    if (market < 0 || market >= int(m_markets.size()))
        return;
    const Fixed level = m_markets[std::size_t(market)].yes.sizeAt(side, price);
    m_user.add(id, market, side, price, size, level);
    emitLevel(market, side, price, level + size, nowMs);
}

Fixed SimEngine::cancel(std::uint64_t id, std::int64_t nowMs)
{
    for (const SimUserOrders::Entry &e : m_user.entries()) {
        if (e.id != id)
            continue;
        const SimUserOrders::Entry entry = e;
        const Fixed level = m_markets[std::size_t(entry.market)].yes.sizeAt(entry.side, entry.price);
        m_user.remove(id);
        emitLevel(entry.market, entry.side, entry.price, std::max<Fixed>(0, level - entry.remaining), nowMs);
        return entry.remaining;
    }
    return 0;
}

void SimEngine::shiftFair(int market, Fixed delta)
{
    if (market < 0 || market >= int(m_markets.size()))
        return;
    SimMarket &m = m_markets[std::size_t(market)];
    m.fair = std::clamp<Fixed>(m.fair + delta, 2 * kFineTick, kOne - 2 * kFineTick);
    m.anchor = std::clamp<Fixed>(m.anchor + delta, 2 * kFineTick, kOne - 2 * kFineTick);
}

std::vector<SimFrame> SimEngine::drainPending()
{
    std::vector<SimFrame> frames(std::make_move_iterator(m_pending.begin()), std::make_move_iterator(m_pending.end()));
    m_pending.clear();
    return frames;
}

void SimEngine::emitLevel(int index, Side yesSide, Fixed price, Fixed size, std::int64_t nowMs)
{
    SimMarket &m = m_markets[std::size_t(index)];
    // Others' cancels and the episodes' pulls leave users' orders where they rest.
    size = std::max(size, m_user.reserved(index, yesSide, price));
    m.yes.setLevel(yesSide, price, size);
    m_user.levelChanged(index, yesSide, price, size);
    const Fixed yesBid = m.yes.hasBid() ? m.yes.bestBid() : 0;
    const Fixed yesAsk = m.yes.hasAsk() ? m.yes.bestAsk() : kOne;
    // The live feed writes price_change with ", " separators.
    std::string j;
    j.reserve(600);
    j += R"({"market":")";
    j += m.conditionId;
    j += R"(", "price_changes":[)";
    auto entry = [&](const std::string &asset, Fixed p, Side side, Fixed bid, Fixed ask) {
        j += R"({"asset_id":")";
        j += asset;
        j += R"(", "price":")";
        appendFixed(j, p);
        j += R"(", "size":")";
        appendFixed(j, size);
        j += R"(", "side":")";
        j += side == Side::Buy ? "BUY" : "SELL";
        j += R"(", "hash":")";
        j += hashFor();
        j += R"(", "best_bid":")";
        appendFixed(j, bid);
        j += R"(", "best_ask":")";
        appendFixed(j, ask);
        j += R"("})";
    };
    entry(m.yesToken, price, yesSide, yesBid, yesAsk);
    j += ", ";
    entry(m.noToken, kOne - price, yesSide == Side::Buy ? Side::Sell : Side::Buy, kOne - yesAsk, kOne - yesBid);
    j += R"(], "timestamp":")";
    appendInt(j, nowMs);
    j += R"(", "event_type":"price_change"})";
    m_pending.push_back({index, std::move(j)});
}

namespace {
constexpr std::int64_t kEpisodeMs = 60'000;
constexpr std::int64_t kPullEpisodeMs = 15'000;
constexpr int kRecoverySteps = 6;
constexpr std::int64_t kRecoveryStepMs = 10'000;
constexpr std::int64_t kLabelGraceMs = 5'000;
constexpr std::int64_t kLayeringMs = 20'000;
} // namespace

void SimEngine::scheduleEpisodes(std::int64_t fromMs, std::int64_t toMs, std::int64_t everyMs)
{
    static const char *const yesLabel[] = {"PANIC_SELL", "FOMO_BUY", "LIQUIDITY_VACUUM", "DEPTH_PULL"};
    // The NO book mirrors YES: a YES panic (ask flood) is a NO bid flood.
    static const char *const noLabel[] = {"FOMO_BUY", "PANIC_SELL", "LIQUIDITY_VACUUM", "DEPTH_PULL"};
    // Its own generator: the schedule does not shift the order flow, and a
    // longer run has the same first hours as a shorter one.
    QRandomGenerator64 random(m_seed ^ 0x5eed5eed5eed5eedULL);
    int n = 0;
    for (std::int64_t t = fromMs; t + everyMs <= toMs; t += everyMs, ++n) {
        SimEpisode e;
        e.kind = SimEpisode::Kind(n % 4);
        e.market = int(random.bounded(quint64(m_markets.size())));
        e.startMs = t + std::int64_t(random.bounded(quint64(everyMs / 4)));
        e.endMs = e.startMs + (e.kind == SimEpisode::Kind::Pull ? kPullEpisodeMs : kEpisodeMs);
        e.doneMs = e.endMs + kRecoverySteps * kRecoveryStepMs;
        const SimMarket &m = m_markets[std::size_t(e.market)];
        m_labels.push_back({m.yesToken, yesLabel[n % 4], e.startMs, e.doneMs + kLabelGraceMs});
        m_labels.push_back({m.noToken, noLabel[n % 4], e.startMs, e.doneMs + kLabelGraceMs});
        m_episodes.push_back(std::move(e));
    }
}

void SimEngine::retargetPendingEpisodes(const std::vector<int> &markets)
{
    if (markets.empty())
        return;
    std::size_t next = 0;
    for (std::size_t i = 0; i < m_episodes.size(); ++i) {
        SimEpisode &e = m_episodes[i];
        if (e.started || e.prepared)
            continue;
        e.market = markets[next++ % markets.size()];
        const SimMarket &m = m_markets[std::size_t(e.market)];
        // Labels come in pairs, YES then NO, in episode order.
        m_labels[2 * i].assetId = m.yesToken;
        m_labels[2 * i + 1].assetId = m.noToken;
    }
}

bool SimEngine::busy(int market) const
{
    for (const SimEpisode &e : m_episodes) {
        if (e.market == market && (e.started || e.prepared) && !e.finished)
            return true;
    }
    return false;
}

Fixed SimEngine::bandDepth(const SimMarket &m, Side side, int levels) const
{
    const auto book = side == Side::Buy ? m.yes.bids() : m.yes.asks();
    Fixed total = 0;
    for (int i = 0; i < levels && i < int(book.size()); ++i)
        total += book[book.size() - 1 - std::size_t(i)].size;
    return total;
}

void SimEngine::runEpisodes(std::int64_t nowMs)
{
    for (SimEpisode &e : m_episodes) {
        if (e.kind == SimEpisode::Kind::Pull && !e.prepared && !e.started && nowMs >= e.startMs - kLayeringMs) {
            if (busy(e.market))
                continue;
            layerBids(e, nowMs);
        } else if (!e.started && nowMs >= e.startMs) {
            if (busy(e.market) && !e.prepared)
                continue; // the previous episode there is still recovering
            startEpisode(e, nowMs);
        } else if (e.started && !e.finished && nowMs >= e.endMs + (e.recoveryStep + 1) * kRecoveryStepMs) {
            recoverEpisode(e, nowMs);
        }
    }
}

void SimEngine::layerBids(SimEpisode &e, std::int64_t nowMs)
{
    // A spoofer stacks orders behind the best bid before pulling them: bring
    // every bid level within 10 cents up to the book's average level size.
    SimMarket &m = m_markets[std::size_t(e.market)];
    e.prepared = true;
    if (!m.yes.hasBid())
        return;
    Fixed total = 0;
    int count = 0;
    for (const PriceLevel &l : m.yes.bids()) {
        total += l.size;
        ++count;
    }
    for (const PriceLevel &l : m.yes.asks()) {
        total += l.size;
        ++count;
    }
    const Fixed average = total / std::max(1, count) / 10'000 * 10'000;
    const Fixed best = m.yes.bestBid();
    std::vector<PriceLevel> bids(m.yes.bids().begin(), m.yes.bids().end());
    for (const PriceLevel &l : bids) {
        if (l.price >= best - 100'000 && l.size < average)
            emitLevel(e.market, Side::Buy, l.price, average, nowMs);
    }
}

void SimEngine::startEpisode(SimEpisode &e, std::int64_t nowMs)
{
    SimMarket &m = m_markets[std::size_t(e.market)];
    e.started = true;
    if (m.fair < 50'000 || m.fair > kOne - 50'000) {
        // Pinned near 0 or 1 there is no room for the script: skip it, and
        // its labels, rather than label what cannot be shown.
        e.finished = true;
        std::erase_if(m_labels, [&](const SimLabel &l) {
            return l.startMs == e.startMs && (l.assetId == m.yesToken || l.assetId == m.noToken);
        });
        return;
    }
    e.savedBids.assign(m.yes.bids().begin(), m.yes.bids().end());
    e.savedAsks.assign(m.yes.asks().begin(), m.yes.asks().end());
    e.savedFair = m.fair;
    auto pullTop = [&](Side side, int count) {
        for (int i = 0; i < count; ++i) {
            const bool bid = side == Side::Buy;
            if (bid ? !m.yes.hasBid() : !m.yes.hasAsk())
                return;
            emitLevel(e.market, side, bid ? m.yes.bestBid() : m.yes.bestAsk(), 0, nowMs);
        }
    };
    auto wall = [&](Side side) {
        // Flood the top three levels, each with 1.3x the side's depth within
        // 10 cents of the fair value: about a fivefold spike.
        // A side that happens to be thin is measured against the book's average.
        auto nearDepth = [&](std::span<const PriceLevel> levels) {
            Fixed near = 0;
            for (const PriceLevel &l : levels) {
                if (std::llabs(l.price - m.fair) <= 100'000)
                    near += l.size;
            }
            return near;
        };
        const Fixed nearBid = nearDepth(m.yes.bids());
        const Fixed nearAsk = nearDepth(m.yes.asks());
        const Fixed near = std::max(side == Side::Buy ? nearBid : nearAsk, (nearBid + nearAsk) / 2);
        const Fixed add = std::max<Fixed>(near * 13 / 10, 500 * kFixedScale) / 10'000 * 10'000;
        const auto levels = side == Side::Buy ? m.yes.bids() : m.yes.asks();
        std::vector<PriceLevel> top(levels.end() - std::min<std::ptrdiff_t>(3, std::ptrdiff_t(levels.size())), levels.end());
        for (const PriceLevel &l : top)
            emitLevel(e.market, side, l.price, l.size + add, nowMs);
    };
    switch (e.kind) {
    case SimEpisode::Kind::Panic: // sellers dump: asks flood, the best bids step back
        wall(Side::Sell);
        pullTop(Side::Buy, 3);
        break;
    case SimEpisode::Kind::Fomo: // buyers chase: bids flood, the best asks step back
        wall(Side::Buy);
        pullTop(Side::Sell, 3);
        break;
    case SimEpisode::Kind::Vacuum: { // market makers leave both sides; stub quotes stay far out
        const Fixed reach = 120'000; // nothing left within 12 cents of the fair value
        const Fixed stubBid = std::max<Fixed>(m.tick, m.fair - 150'000) / m.tick * m.tick;
        const Fixed stubAsk = std::min<Fixed>(kOne - m.tick, m.fair + 150'000) / m.tick * m.tick;
        emitLevel(e.market, Side::Buy, stubBid, 20 * kFixedScale, nowMs);
        emitLevel(e.market, Side::Sell, stubAsk, 20 * kFixedScale, nowMs);
        std::vector<PriceLevel> bids(m.yes.bids().begin(), m.yes.bids().end());
        std::vector<PriceLevel> asks(m.yes.asks().begin(), m.yes.asks().end());
        for (const PriceLevel &l : bids) {
            if (l.price >= m.fair - reach && l.price != stubBid)
                emitLevel(e.market, Side::Buy, l.price, 0, nowMs);
        }
        for (const PriceLevel &l : asks) {
            if (l.price <= m.fair + reach && l.price != stubAsk)
                emitLevel(e.market, Side::Sell, l.price, 0, nowMs);
        }
        break;
    }
    case SimEpisode::Kind::Pull: { // layered bids behind the best one vanish
        if (!m.yes.hasBid())
            break;
        const PriceLevel best = m.yes.bids().back();
        if (best.size < 60 * kFixedScale)
            emitLevel(e.market, Side::Buy, best.price, 60 * kFixedScale, nowMs);
        std::vector<PriceLevel> bids(m.yes.bids().begin(), m.yes.bids().end() - 1);
        for (const PriceLevel &l : bids) {
            if (l.price >= best.price - 100'000)
                emitLevel(e.market, Side::Buy, l.price, 0, nowMs);
        }
        break;
    }
    }
}

void SimEngine::recoverEpisode(SimEpisode &e, std::int64_t nowMs)
{
    // Each step closes 1/stepsLeft of the gap to the saved book, so no window
    // of a few seconds removes much depth (which would read as a pull).
    SimMarket &m = m_markets[std::size_t(e.market)];
    ++e.recoveryStep;
    const int stepsLeft = kRecoverySteps - e.recoveryStep;
    auto recoverSide = [&](Side side, const std::vector<PriceLevel> &saved) {
        const auto live = side == Side::Buy ? m.yes.bids() : m.yes.asks();
        std::vector<PriceLevel> current(live.begin(), live.end());
        auto sizeIn = [](const std::vector<PriceLevel> &levels, Fixed price) {
            for (const PriceLevel &l : levels) {
                if (l.price == price)
                    return l.size;
            }
            return Fixed(0);
        };
        std::vector<Fixed> prices;
        for (const PriceLevel &l : saved)
            prices.push_back(l.price);
        for (const PriceLevel &l : current) {
            if (sizeIn(saved, l.price) == 0)
                prices.push_back(l.price);
        }
        for (const Fixed price : prices) {
            const Fixed now = sizeIn(current, price);
            const Fixed target = sizeIn(saved, price);
            const Fixed next = stepsLeft <= 1 ? target : (now + (target - now) / stepsLeft) / 100 * 100;
            if (next != now)
                emitLevel(e.market, side, price, next, nowMs);
        }
    };
    // Asks first when bids come back above them would cross: never here, as
    // both sides return to their own saved prices.
    recoverSide(Side::Buy, e.savedBids);
    recoverSide(Side::Sell, e.savedAsks);
    if (stepsLeft <= 1) {
        m.fair = e.savedFair;
        e.finished = true;
    }
}

std::string SimEngine::bookEvent(std::string_view assetId, std::int64_t nowMs) const
{
    const int index = marketOf(assetId);
    if (index < 0)
        return {};
    const SimMarket &m = m_markets[std::size_t(index)];
    return bookJson(m, m.yesToken == assetId, nowMs, true);
}

std::string SimEngine::bookJson(const SimMarket &m, bool yes, std::int64_t nowMs, bool initial) const
{
    // Real books list bids ascending and asks descending: best level last.
    auto side = [&](std::string &j, bool bids) {
        j += '[';
        bool first = true;
        auto level = [&](Fixed price, Fixed size) {
            if (!first)
                j += ',';
            first = false;
            j += R"({"price":")";
            appendFixed(j, price);
            j += R"(","size":")";
            appendFixed(j, size);
            j += R"("})";
        };
        if (yes) {
            for (const PriceLevel &l : bids ? m.yes.bids() : m.yes.asks())
                level(l.price, l.size);
        } else {
            // NO bids mirror YES asks; iterate so the best NO level stays last.
            for (const PriceLevel &l : bids ? m.yes.asks() : m.yes.bids())
                level(kOne - l.price, l.size);
        }
        j += ']';
    };
    const std::string &token = yes ? m.yesToken : m.noToken;
    std::string j;
    j.reserve(4096);
    if (initial) {
        j += R"({"market":")";
        j += m.conditionId;
        j += R"(","asset_id":")";
        j += token;
        j += R"(","timestamp":")";
        appendInt(j, nowMs);
        j += R"(","hash":"0000000000000000000000000000000000000000","bids":)";
        side(j, true);
        j += R"(,"asks":)";
        side(j, false);
        j += R"(,"tick_size":")";
        appendFixed(j, m.tick);
        j += R"(","event_type":"book","last_trade_price":""})";
    } else {
        j += R"({"market":")";
        j += m.conditionId;
        j += R"(","asset_id":")";
        j += token;
        j += R"(","bids":)";
        side(j, true);
        j += R"(,"asks":)";
        side(j, false);
        j += R"(,"hash":"0000000000000000000000000000000000000000","timestamp":")";
        appendInt(j, nowMs);
        j += R"(","event_type":"book"})";
    }
    return j;
}

} // namespace polymon
