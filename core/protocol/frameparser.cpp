#include "frameparser.h"

#include <simdjson.h>

#include <cstring>
#include <vector>

namespace polymon {

namespace od = simdjson::ondemand;
static_assert(FrameParser::kPadding >= simdjson::SIMDJSON_PADDING);

namespace {

// The fields of one event object, collected in a single pass in any order.
struct EventFields
{
    std::string_view eventType, assetId, market, hash, timestamp, price, size, side;
    std::string_view bestBid, bestAsk, spread, feeRateBps, oldTick, newTick, tickSize;
    std::string_view lastTradePrice, id, question, slug, winningAssetId, winningOutcome;
    bool hasBids = false, hasAsks = false, hasPriceChanges = false, hasChanges = false;
    bool userChannel = false;
    bool mayEscape = true; // false when the whole frame has no backslash: no string needs a look
    const char *invalid = nullptr; // first semantic problem, if any
};

std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string_view trim(std::string_view s)
{
    s = trimRight(s);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
        s.remove_prefix(1);
    return s;
}

// Ids and hashes are 40-80 bytes long: the C library's vectorised memchr
// scans them several times faster than a loop here.
bool hasBackslash(const char *p, std::size_t n) noexcept
{
    return std::memchr(p, '\\', n) != nullptr;
}

// Scalars are strings in this protocol; numbers and literals are accepted as
// their raw text. A structural error is returned; a wrong type sets invalid.
// Hot path: a string without escapes is taken straight from the input
// (no unescape copy); only strings with a backslash are unescaped.
simdjson::error_code scalarText(od::value value, std::string_view &out, EventFields &f, const char *what)
{
    const std::string_view token = trimRight(value.raw_json_token());
    if (token.empty())
        return simdjson::TAPE_ERROR;
    switch (token.front()) {
    case '"':
        if (token.size() >= 2 && token.back() == '"' && (!f.mayEscape || !hasBackslash(token.data() + 1, token.size() - 2))) {
            out = token.substr(1, token.size() - 2);
            return simdjson::SUCCESS;
        }
        return value.get_string().get(out);
    case '{':
    case '[':
        if (!f.invalid)
            f.invalid = what;
        return simdjson::SUCCESS;
    case 'n':
        out = {};
        return simdjson::SUCCESS;
    default: // number or boolean: its raw text
        out = token;
        return simdjson::SUCCESS;
    }
}

// True when the raw key at p is exactly the literal (its closing quote follows).
template<std::size_t N>
bool keyIs(const char *p, const char (&literal)[N]) noexcept
{
    return std::memcmp(p, literal, N - 1) == 0 && p[N - 1] == '"';
}

enum class Key : std::uint8_t {
    Unknown, AssetId, Asks, AssetsIds, Bids, BestBid, BestAsk, Buys, Changes, EventType, FeeRateBps, Hash, Id,
    LastTradePrice, Market, MakerOrders, NewTickSize, OldTickSize, Outcomes, Price, PriceChanges, Question, Size,
    Side, Sells, Spread, Slug, Timestamp, TickSize, TakerOrderId, WinningAssetId, WinningOutcome,
};

// Matches the raw key against the keys this parser knows, without copying or
// unescaping it (none of ours has escapes). Reading past a short key is
// safe: the input is padded.
Key knownKey(const char *p) noexcept
{
#define POLYMON_KEY(lit, key)                                                                                          \
    if (keyIs(p, lit))                                                                                                 \
        return Key::key;
    switch (p[0]) {
    case 'a': POLYMON_KEY("asset_id", AssetId) POLYMON_KEY("asks", Asks) POLYMON_KEY("assets_ids", AssetsIds) break;
    case 'b':
        POLYMON_KEY("bids", Bids) POLYMON_KEY("best_bid", BestBid) POLYMON_KEY("best_ask", BestAsk)
        POLYMON_KEY("buys", Buys) break;
    case 'c': POLYMON_KEY("changes", Changes) break;
    case 'e': POLYMON_KEY("event_type", EventType) break;
    case 'f': POLYMON_KEY("fee_rate_bps", FeeRateBps) break;
    case 'h': POLYMON_KEY("hash", Hash) break;
    case 'i': POLYMON_KEY("id", Id) break;
    case 'l': POLYMON_KEY("last_trade_price", LastTradePrice) break;
    case 'm': POLYMON_KEY("market", Market) POLYMON_KEY("maker_orders", MakerOrders) break;
    case 'n': POLYMON_KEY("new_tick_size", NewTickSize) break;
    case 'o': POLYMON_KEY("old_tick_size", OldTickSize) POLYMON_KEY("outcomes", Outcomes) break;
    case 'p': POLYMON_KEY("price", Price) POLYMON_KEY("price_changes", PriceChanges) break;
    case 'q': POLYMON_KEY("question", Question) break;
    case 's':
        POLYMON_KEY("size", Size) POLYMON_KEY("side", Side) POLYMON_KEY("sells", Sells) POLYMON_KEY("spread", Spread)
        POLYMON_KEY("slug", Slug) break;
    case 't':
        POLYMON_KEY("timestamp", Timestamp) POLYMON_KEY("tick_size", TickSize)
        POLYMON_KEY("taker_order_id", TakerOrderId) break;
    case 'w': POLYMON_KEY("winning_asset_id", WinningAssetId) POLYMON_KEY("winning_outcome", WinningOutcome) break;
    default: break;
    }
#undef POLYMON_KEY
    return Key::Unknown;
}

template<typename FieldResult>
simdjson::error_code fieldKey(FieldResult &field, Key &key)
{
    od::raw_json_string raw;
    if (auto e = field.key().get(raw))
        return e;
    key = knownKey(raw.raw());
    return simdjson::SUCCESS;
}

bool parseSide(std::string_view s, Side &side)
{
    if (s == "BUY" || s == "buy" || s == "Buy") {
        side = Side::Buy;
        return true;
    }
    if (s == "SELL" || s == "sell" || s == "Sell") {
        side = Side::Sell;
        return true;
    }
    return false;
}

} // namespace

struct FrameParser::Impl
{
    od::parser parser;
    std::vector<PriceLevel> bids, asks;
    std::vector<PriceChangeEntry> entries;
    std::vector<std::string_view> assetIds, outcomes;
    std::string reason;

    void invalid(EventFields &f, const char *why)
    {
        if (!f.invalid)
            f.invalid = why;
    }

    bool fixedField(EventFields &f, std::string_view text, Fixed &out, const char *what)
    {
        const FixedError e = parseFixed(text, out);
        if (e == FixedError::None)
            return true;
        invalid(f, what);
        return false;
    }

    // Calls fn for each object of an array value. A value that is not an
    // array, or an item that is not an object, makes the event invalid.
    template<typename Fn>
    simdjson::error_code forEachObject(od::value value, EventFields &f, const char *notArray, Fn &&fn)
    {
        od::array array;
        if (auto e = value.get_array().get(array)) {
            if (e != simdjson::INCORRECT_TYPE)
                return e;
            invalid(f, notArray);
            return simdjson::SUCCESS;
        }
        for (auto element : array) {
            od::object object;
            if (auto e = element.get_object().get(object)) {
                if (e != simdjson::INCORRECT_TYPE)
                    return e;
                invalid(f, "list item is not an object");
                continue;
            }
            if (auto e = fn(object))
                return e;
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code parseLevels(od::value value, std::vector<PriceLevel> &levels, EventFields &f)
    {
        levels.clear();
        return forEachObject(value, f, "levels are not an array", [&](od::object object) -> simdjson::error_code {
            std::string_view price, size;
            for (auto field : object) {
                Key key;
                if (auto e = fieldKey(field, key))
                    return e;
                std::string_view *target = key == Key::Price ? &price : key == Key::Size ? &size : nullptr;
                if (target) {
                    if (auto e = scalarText(field.value(), *target, f, "level field is not a string"))
                        return e;
                }
            }
            PriceLevel level;
            if (!fixedField(f, price, level.price, "bad level price") || !fixedField(f, size, level.size, "bad level size"))
                return simdjson::SUCCESS;
            if (level.price <= 0 || level.price > kFixedScale)
                invalid(f, "level price outside (0, 1]");
            levels.push_back(level);
            return simdjson::SUCCESS;
        });
    }

    simdjson::error_code parseEntries(od::value value, EventFields &f)
    {
        entries.clear();
        return forEachObject(value, f, "changes are not an array", [&](od::object object) -> simdjson::error_code {
            std::string_view asset, price, size, side, hash, bestBid, bestAsk;
            for (auto field : object) {
                Key key;
                if (auto e = fieldKey(field, key))
                    return e;
                std::string_view *target = nullptr;
                switch (key) {
                case Key::AssetId: target = &asset; break;
                case Key::Price: target = &price; break;
                case Key::Size: target = &size; break;
                case Key::Side: target = &side; break;
                case Key::Hash: target = &hash; break;
                case Key::BestBid: target = &bestBid; break;
                case Key::BestAsk: target = &bestAsk; break;
                default: break;
                }
                if (target) {
                    if (auto e = scalarText(field.value(), *target, f, "change field is not a string"))
                        return e;
                }
            }
            PriceChangeEntry entry;
            entry.assetId = asset;
            entry.hash = hash;
            if (!fixedField(f, price, entry.price, "bad change price") || !fixedField(f, size, entry.size, "bad change size"))
                return simdjson::SUCCESS;
            if (entry.price <= 0 || entry.price > kFixedScale)
                invalid(f, "change price outside (0, 1]");
            if (!parseSide(side, entry.side))
                invalid(f, "change side is not BUY or SELL");
            if (!bestBid.empty())
                entry.hasBestBid = fixedField(f, bestBid, entry.bestBid, "bad best_bid");
            if (!bestAsk.empty())
                entry.hasBestAsk = fixedField(f, bestAsk, entry.bestAsk, "bad best_ask");
            entries.push_back(entry);
            return simdjson::SUCCESS;
        });
    }

    simdjson::error_code parseStrings(od::value value, std::vector<std::string_view> &out, EventFields &f)
    {
        out.clear();
        od::json_type type;
        if (auto e = value.type().get(type))
            return e;
        if (type != od::json_type::array)
            return simdjson::SUCCESS; // Gamma sometimes JSON-encodes lists as strings; not needed here
        od::array array;
        if (auto e = value.get_array().get(array))
            return e;
        for (auto element : array) {
            std::string_view s;
            if (auto e = element.get_string().get(s)) {
                if (e == simdjson::INCORRECT_TYPE) {
                    invalid(f, "list item is not a string");
                    continue;
                }
                return e;
            }
            out.push_back(s);
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code collect(od::object object, EventFields &f)
    {
        for (auto field : object) {
            Key key;
            if (auto e = fieldKey(field, key))
                return e;
            std::string_view *target = nullptr;
            simdjson::error_code e = simdjson::SUCCESS;
            switch (key) {
            case Key::Id: target = &f.id; break;
            case Key::Hash: target = &f.hash; break;
            case Key::Size: target = &f.size; break;
            case Key::Side: target = &f.side; break;
            case Key::Slug: target = &f.slug; break;
            case Key::Price: target = &f.price; break;
            case Key::Market: target = &f.market; break;
            case Key::Spread: target = &f.spread; break;
            case Key::AssetId: target = &f.assetId; break;
            case Key::BestBid: target = &f.bestBid; break;
            case Key::BestAsk: target = &f.bestAsk; break;
            case Key::Question: target = &f.question; break;
            case Key::Timestamp: target = &f.timestamp; break;
            case Key::TickSize: target = &f.tickSize; break;
            case Key::EventType: target = &f.eventType; break;
            case Key::FeeRateBps: target = &f.feeRateBps; break;
            case Key::OldTickSize: target = &f.oldTick; break;
            case Key::NewTickSize: target = &f.newTick; break;
            case Key::WinningOutcome: target = &f.winningOutcome; break;
            case Key::LastTradePrice: target = &f.lastTradePrice; break;
            case Key::WinningAssetId: target = &f.winningAssetId; break;
            case Key::Bids:
            case Key::Buys: // legacy name
                f.hasBids = true;
                e = parseLevels(field.value(), bids, f);
                break;
            case Key::Asks:
            case Key::Sells:
                f.hasAsks = true;
                e = parseLevels(field.value(), asks, f);
                break;
            case Key::PriceChanges:
                f.hasPriceChanges = true;
                e = parseEntries(field.value(), f);
                break;
            case Key::Changes: // legacy form
                f.hasChanges = true;
                e = parseEntries(field.value(), f);
                break;
            case Key::AssetsIds: e = parseStrings(field.value(), assetIds, f); break;
            case Key::Outcomes: e = parseStrings(field.value(), outcomes, f); break;
            case Key::MakerOrders:
            case Key::TakerOrderId: f.userChannel = true; break;
            case Key::Unknown: break;
            }
            if (e)
                return e;
            if (target) {
                if (auto err = scalarText(field.value(), *target, f, "field is not a string"))
                    return err;
            }
        }
        return simdjson::SUCCESS;
    }
};

namespace {

enum class Kind { Book, PriceChange, LastTrade, TickSize, BestBidAsk, NewMarket, Resolved, Unknown };

// An event carrying the identity fields every per-asset event shares.
template<typename Event>
Event stamped(const EventFields &f, std::int64_t timestampMs)
{
    Event ev;
    ev.assetId = f.assetId;
    ev.market = f.market;
    ev.timestampMs = timestampMs;
    return ev;
}

Kind classify(const EventFields &f)
{
    const std::string_view t = f.eventType;
    if (!t.empty()) {
        if (t == "book")
            return Kind::Book;
        if (t == "price_change")
            return Kind::PriceChange;
        if (t == "last_trade_price")
            return Kind::LastTrade;
        if (t == "tick_size_change")
            return Kind::TickSize;
        if (t == "best_bid_ask")
            return Kind::BestBidAsk;
        if (t == "new_market")
            return Kind::NewMarket;
        if (t == "market_resolved")
            return Kind::Resolved;
        return Kind::Unknown;
    }
    // Some fixtures and older feeds omit event_type: infer it from the fields.
    if (f.userChannel)
        return Kind::Unknown;
    if (f.hasBids || f.hasAsks)
        return Kind::Book;
    if (f.hasPriceChanges || f.hasChanges)
        return Kind::PriceChange;
    if (!f.newTick.empty())
        return Kind::TickSize;
    if (!f.price.empty() && !f.side.empty() && !f.size.empty())
        return f.feeRateBps.empty() ? Kind::PriceChange : Kind::LastTrade;
    if (!f.bestBid.empty() && !f.bestAsk.empty())
        return Kind::BestBidAsk;
    return Kind::Unknown;
}

} // namespace

FrameParser::FrameParser()
    : m_impl(std::make_unique<Impl>())
{
}

FrameParser::~FrameParser() = default;

bool FrameParser::parse(std::string_view frame, EventSink &sink)
{
    m_scratch.assign(frame.data(), frame.size());
    m_scratch.append(kPadding, '\0');
    return parsePadded(m_scratch.data(), frame.size(), sink);
}

bool FrameParser::parsePadded(const char *data, std::size_t len, EventSink &sink)
{
    ++m_stats.frames;
    Impl &d = *m_impl;

    auto fail = [&](const char *why) {
        ++m_stats.errors;
        m_lastError = why;
        sink.onParseError(m_lastError);
        return false;
    };
    auto failJson = [&](simdjson::error_code e) {
        ++m_stats.errors;
        m_lastError = "malformed JSON: ";
        m_lastError += simdjson::error_message(e);
        sink.onParseError(m_lastError);
        return false;
    };

    const std::string_view text = trim(std::string_view(data, len));
    if (text == "PONG") {
        ++m_stats.pongs;
        sink.onPong();
        return true;
    }
    if (text.empty())
        return fail("empty frame");
    if (text.front() != '{' && text.front() != '[')
        return fail("frame is not a JSON object or array");
    // Cheap guard against a truncated frame or trailing bytes after the value.
    if (text.back() != (text.front() == '{' ? '}' : ']'))
        return fail("frame does not end where its JSON value ends");

    // Parse from the first non-blank byte; the padding after data[len] stays valid.
    const std::size_t offset = static_cast<std::size_t>(text.data() - data);
    od::document doc;
    if (auto e = d.parser.iterate(text.data(), text.size(), len - offset + kPadding).get(doc))
        return failJson(e);

    // One scan of the frame instead of one per string: escapes are rare.
    const bool frameMayEscape = hasBackslash(text.data(), text.size());
    auto handleObject = [&](od::object object) -> simdjson::error_code {
        EventFields f;
        f.mayEscape = frameMayEscape;
        if (auto e = d.collect(object, f))
            return e;
        const Kind kind = classify(f);
        if (kind == Kind::Unknown) {
            ++m_stats.unknownEvents;
            sink.onUnknownEvent(f.eventType);
            return simdjson::SUCCESS;
        }
        std::int64_t ts = 0;
        if (!f.timestamp.empty() && !parseInt64(f.timestamp, ts))
            d.invalid(f, "bad timestamp");
        if (f.invalid) {
            fail(f.invalid);
            return simdjson::SUCCESS;
        }
        ++m_stats.events;
        switch (kind) {
        case Kind::Book: {
            if (f.assetId.empty()) {
                fail("book without asset_id");
                break;
            }
            if (!f.hasBids)
                d.bids.clear();
            if (!f.hasAsks)
                d.asks.clear();
            auto ev = stamped<BookEvent>(f, ts);
            ev.hash = f.hash;
            ev.bids = d.bids;
            ev.asks = d.asks;
            if (!f.tickSize.empty() && parseFixed(f.tickSize, ev.tickSize) != FixedError::None) {
                fail("bad tick_size");
                break;
            }
            if (!f.lastTradePrice.empty() && parseFixed(f.lastTradePrice, ev.lastTradePrice) != FixedError::None) {
                fail("bad last_trade_price");
                break;
            }
            sink.onBook(ev);
            break;
        }
        case Kind::PriceChange: {
            PriceChangeEvent ev;
            ev.market = f.market;
            ev.timestampMs = ts;
            if (f.hasPriceChanges) {
                ev.form = PriceChangeForm::Current;
                for (const PriceChangeEntry &entry : d.entries) {
                    if (entry.assetId.empty()) {
                        fail("price change entry without asset_id");
                        return simdjson::SUCCESS;
                    }
                }
            } else if (f.hasChanges) {
                ev.form = PriceChangeForm::Changes;
                if (f.assetId.empty()) {
                    fail("price_change changes[] without asset_id");
                    break;
                }
                for (PriceChangeEntry &entry : d.entries) {
                    entry.assetId = f.assetId;
                    if (entry.hash.empty())
                        entry.hash = f.hash;
                }
            } else {
                ev.form = PriceChangeForm::Flat;
                PriceChangeEntry entry;
                entry.assetId = f.assetId;
                entry.hash = f.hash;
                if (f.assetId.empty() || parseFixed(f.price, entry.price) != FixedError::None
                    || parseFixed(f.size, entry.size) != FixedError::None || !parseSide(f.side, entry.side)
                    || entry.price <= 0 || entry.price > kFixedScale) {
                    fail("price_change without a valid change");
                    break;
                }
                entry.hasBestBid = !f.bestBid.empty() && parseFixed(f.bestBid, entry.bestBid) == FixedError::None;
                entry.hasBestAsk = !f.bestAsk.empty() && parseFixed(f.bestAsk, entry.bestAsk) == FixedError::None;
                d.entries.clear();
                d.entries.push_back(entry);
            }
            ev.entries = d.entries;
            sink.onPriceChange(ev);
            break;
        }
        case Kind::LastTrade: {
            auto ev = stamped<LastTradeEvent>(f, ts);
            if (f.assetId.empty() || parseFixed(f.price, ev.price) != FixedError::None
                || parseFixed(f.size, ev.size) != FixedError::None || !parseSide(f.side, ev.side)) {
                fail("last_trade_price without a valid trade");
                break;
            }
            if (!f.feeRateBps.empty())
                parseInt64(f.feeRateBps, ev.feeRateBps);
            sink.onLastTrade(ev);
            break;
        }
        case Kind::TickSize: {
            auto ev = stamped<TickSizeEvent>(f, ts);
            if (f.assetId.empty() || parseFixed(f.newTick, ev.newTickSize) != FixedError::None || ev.newTickSize <= 0) {
                fail("tick_size_change without a valid new_tick_size");
                break;
            }
            if (!f.oldTick.empty())
                parseFixed(f.oldTick, ev.oldTickSize);
            sink.onTickSize(ev);
            break;
        }
        case Kind::BestBidAsk: {
            auto ev = stamped<BestBidAskEvent>(f, ts);
            if (f.assetId.empty() || parseFixed(f.bestBid, ev.bestBid) != FixedError::None
                || parseFixed(f.bestAsk, ev.bestAsk) != FixedError::None) {
                fail("best_bid_ask without valid prices");
                break;
            }
            if (!f.spread.empty())
                parseFixed(f.spread, ev.spread);
            sink.onBestBidAsk(ev);
            break;
        }
        case Kind::NewMarket:
        case Kind::Resolved: {
            MarketLifecycleEvent ev;
            ev.resolved = kind == Kind::Resolved;
            ev.id = f.id;
            ev.market = f.market;
            ev.question = f.question;
            ev.slug = f.slug;
            ev.assetIds = d.assetIds;
            ev.outcomes = d.outcomes;
            ev.winningAssetId = f.winningAssetId;
            ev.winningOutcome = f.winningOutcome;
            ev.timestampMs = ts;
            sink.onMarketLifecycle(ev);
            break;
        }
        case Kind::Unknown:
            break;
        }
        return simdjson::SUCCESS;
    };

    od::json_type type;
    if (auto e = doc.type().get(type))
        return failJson(e);
    const std::uint64_t errorsBefore = m_stats.errors;
    if (type == od::json_type::array) {
        od::array array;
        if (auto e = doc.get_array().get(array))
            return failJson(e);
        for (auto element : array) {
            od::object object;
            if (auto e = element.get_object().get(object)) {
                if (e == simdjson::INCORRECT_TYPE)
                    return fail("array item is not an event object");
                return failJson(e);
            }
            d.assetIds.clear();
            d.outcomes.clear();
            d.entries.clear();
            if (auto e = handleObject(object))
                return failJson(e);
        }
    } else {
        od::object object;
        if (auto e = doc.get_object().get(object))
            return failJson(e);
        d.assetIds.clear();
        d.outcomes.clear();
        d.entries.clear();
        if (auto e = handleObject(object))
            return failJson(e);
    }
    return m_stats.errors == errorsBefore;
}

} // namespace polymon
