#include "frameparser.h"

#include "eventfields.h"
#include "flatjsonscanner.h"
#include "shortdecimal.h"

#include <simdjson.h>

#include <cstring>
#include <vector>

namespace polymon {

namespace od = simdjson::ondemand;
static_assert(FrameParser::kPadding >= simdjson::SIMDJSON_PADDING);

namespace {

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
        f.setInvalid(what);
        return simdjson::SUCCESS;
    case 'n':
        out = {};
        return simdjson::SUCCESS;
    default: // number or boolean: its raw text
        out = token;
        return simdjson::SUCCESS;
    }
}

template<typename FieldResult>
simdjson::error_code fieldKey(FieldResult &field, FrameKey &key)
{
    od::raw_json_string raw;
    if (auto e = field.key().get(raw))
        return e;
    key = knownFrameKey(raw.raw());
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
    std::vector<std::uint64_t> quoteBits; // FlatJsonScanner's scratch
    EventFields flatFields; // the fast reader's, cleared for each frame
    // The fast reader's text of one change or level, kept from object to
    // object and frame to frame: a fresh one was a 128-byte `rep stos` each time.
    ChangeFields changeTexts;
    LevelFields levelTexts;

    // Before each event object: its lists start empty, whichever reader fills them.
    void startEvent()
    {
        entries.clear();
        assetIds.clear();
        outcomes.clear();
    }

    bool fixedField(EventFields &f, std::string_view text, Fixed &out, const char *what)
    {
        const FixedError e = parseShortDecimal(text, out);
        if (e == FixedError::None)
            return true;
        f.setInvalid(what);
        return false;
    }

    // What both readers do with one level's or one change's texts.
    void addLevel(const LevelFields &texts, std::vector<PriceLevel> &levels, EventFields &f)
    {
        PriceLevel level;
        if (!fixedField(f, texts.price(), level.price, "bad level price")
            || !fixedField(f, texts.size(), level.size, "bad level size"))
            return;
        if (level.price <= 0 || level.price > kFixedScale)
            f.setInvalid("level price outside (0, 1]");
        levels.push_back(level);
    }

    void addChange(const ChangeFields &texts, EventFields &f)
    {
        PriceChangeEntry entry;
        entry.assetId = texts.asset();
        entry.hash = texts.hash();
        if (!fixedField(f, texts.price(), entry.price, "bad change price")
            || !fixedField(f, texts.size(), entry.size, "bad change size"))
            return;
        if (entry.price <= 0 || entry.price > kFixedScale)
            f.setInvalid("change price outside (0, 1]");
        if (!parseSide(texts.side(), entry.side))
            f.setInvalid("change side is not BUY or SELL");
        if (!texts.bestBid().empty())
            entry.hasBestBid = fixedField(f, texts.bestBid(), entry.bestBid, "bad best_bid");
        if (!texts.bestAsk().empty())
            entry.hasBestAsk = fixedField(f, texts.bestAsk(), entry.bestAsk, "bad best_ask");
        entries.push_back(entry);
    }

    // --- The fast reader: frames of the common shape (FlatJsonScanner) ---

    // An array of objects of plain strings, each object's texts gathered in Texts.
    // Inlined so the scanner stays in registers (its position is not
    // reloaded from memory after every string stored).
    template<typename Texts, typename Add>
    [[gnu::always_inline]] static void flatObjects(FlatJsonScanner &s, Texts &texts, Add &&add)
    {
        if (!s.enterArray())
            return;
        while (s.nextElement()) {
            if (!s.enterObject())
                return;
            // The exchange's usual order first; whatever follows, in any order.
            texts.clearFrom(
                texts.readInOrder([&s](auto key, std::string_view &slot) { return s.template expectedString<key()>(slot); }));
            FrameKey key;
            while (s.nextMember(key))
                s.string(texts.slot(key));
            if (s.failed())
                return;
            add(texts);
        }
    }

    // Reads a top-level object of the common shape into f; false when the
    // frame is outside it (the general reader then reads it from scratch).
    bool collectFlat(std::string_view text, EventFields &f)
    {
        FlatJsonScanner s(text.data(), text.data() + text.size(), quoteBits);
        if (!s.enterObject())
            return false;
        FrameKey key;
        while (s.nextMember(key)) {
            if (std::string_view *target = f.scalar(key)) {
                s.string(*target);
                continue;
            }
            switch (key) {
            case FrameKey::Bids:
            case FrameKey::Buys:
            case FrameKey::Asks:
            case FrameKey::Sells: {
                const bool bidSide = key == FrameKey::Bids || key == FrameKey::Buys;
                std::vector<PriceLevel> &levels = bidSide ? bids : asks;
                (bidSide ? f.hasBids : f.hasAsks) = true;
                levels.clear();
                flatObjects(s, levelTexts, [&](const LevelFields &t) { addLevel(t, levels, f); });
                break;
            }
            case FrameKey::PriceChanges:
            case FrameKey::Changes:
                (key == FrameKey::PriceChanges ? f.hasPriceChanges : f.hasChanges) = true;
                entries.clear();
                flatObjects(s, changeTexts, [&](const ChangeFields &t) { addChange(t, f); });
                break;
            case FrameKey::Unknown: {
                std::string_view ignored;
                s.string(ignored);
                break;
            }
            default: // lists of strings, user-channel fields: the general reader's
                return false;
            }
        }
        return !s.failed() && s.atEnd();
    }

    // --- The general reader: simdjson On-Demand, any valid JSON ---

    // Calls fn for each object of an array value. A value that is not an
    // array, or an item that is not an object, makes the event invalid.
    template<typename Fn>
    simdjson::error_code forEachObject(od::value value, EventFields &f, const char *notArray, Fn &&fn)
    {
        od::array array;
        if (auto e = value.get_array().get(array)) {
            if (e != simdjson::INCORRECT_TYPE)
                return e;
            f.setInvalid(notArray);
            return simdjson::SUCCESS;
        }
        for (auto element : array) {
            od::object object;
            if (auto e = element.get_object().get(object)) {
                if (e != simdjson::INCORRECT_TYPE)
                    return e;
                f.setInvalid("list item is not an object");
                continue;
            }
            if (auto e = fn(object))
                return e;
        }
        return simdjson::SUCCESS;
    }

    // The scalar fields of one object into texts (their Texts::scalar slots).
    template<typename Texts>
    simdjson::error_code objectTexts(od::object object, Texts &texts, EventFields &f, const char *notString)
    {
        for (auto field : object) {
            FrameKey key;
            if (auto e = fieldKey(field, key))
                return e;
            if (std::string_view *target = texts.scalar(key)) {
                if (auto e = scalarText(field.value(), *target, f, notString))
                    return e;
            }
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code parseLevels(od::value value, std::vector<PriceLevel> &levels, EventFields &f)
    {
        levels.clear();
        return forEachObject(value, f, "levels are not an array", [&](od::object object) -> simdjson::error_code {
            LevelFields texts;
            if (auto e = objectTexts(object, texts, f, "level field is not a string"))
                return e;
            addLevel(texts, levels, f);
            return simdjson::SUCCESS;
        });
    }

    simdjson::error_code parseEntries(od::value value, EventFields &f)
    {
        entries.clear();
        return forEachObject(value, f, "changes are not an array", [&](od::object object) -> simdjson::error_code {
            ChangeFields texts;
            if (auto e = objectTexts(object, texts, f, "change field is not a string"))
                return e;
            addChange(texts, f);
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
                    f.setInvalid("list item is not a string");
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
            FrameKey key;
            if (auto e = fieldKey(field, key))
                return e;
            if (std::string_view *target = f.scalar(key)) {
                if (auto e = scalarText(field.value(), *target, f, "field is not a string"))
                    return e;
                continue;
            }
            simdjson::error_code e = simdjson::SUCCESS;
            switch (key) {
            case FrameKey::Bids:
            case FrameKey::Buys: // legacy name
                f.hasBids = true;
                e = parseLevels(field.value(), bids, f);
                break;
            case FrameKey::Asks:
            case FrameKey::Sells:
                f.hasAsks = true;
                e = parseLevels(field.value(), asks, f);
                break;
            case FrameKey::PriceChanges:
                f.hasPriceChanges = true;
                e = parseEntries(field.value(), f);
                break;
            case FrameKey::Changes: // legacy form
                f.hasChanges = true;
                e = parseEntries(field.value(), f);
                break;
            case FrameKey::AssetsIds: e = parseStrings(field.value(), assetIds, f); break;
            case FrameKey::Outcomes: e = parseStrings(field.value(), outcomes, f); break;
            case FrameKey::MakerOrders:
            case FrameKey::TakerOrderId: f.userChannel = true; break;
            default: break;
            }
            if (e)
                return e;
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

void FrameParser::fail(EventSink &sink, const char *why)
{
    ++m_stats.errors;
    m_lastError = why;
    sink.onParseError(m_lastError);
}

void FrameParser::emitEvent(EventFields &f, EventSink &sink)
{
    Impl &d = *m_impl;
    const Kind kind = classify(f);
    if (kind == Kind::Unknown) {
        ++m_stats.unknownEvents;
        sink.onUnknownEvent(f.eventType);
        return;
    }
    std::int64_t ts = 0;
    if (!f.timestamp.empty() && !parseInt64(f.timestamp, ts))
        f.setInvalid("bad timestamp");
    if (f.invalid) {
        fail(sink, f.invalid);
        return;
    }
    ++m_stats.events;
    switch (kind) {
    case Kind::Book: {
        if (f.assetId.empty()) {
            fail(sink, "book without asset_id");
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
            fail(sink, "bad tick_size");
            break;
        }
        if (!f.lastTradePrice.empty() && parseFixed(f.lastTradePrice, ev.lastTradePrice) != FixedError::None) {
            fail(sink, "bad last_trade_price");
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
                    fail(sink, "price change entry without asset_id");
                    return;
                }
            }
        } else if (f.hasChanges) {
            ev.form = PriceChangeForm::Changes;
            if (f.assetId.empty()) {
                fail(sink, "price_change changes[] without asset_id");
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
                fail(sink, "price_change without a valid change");
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
            fail(sink, "last_trade_price without a valid trade");
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
            fail(sink, "tick_size_change without a valid new_tick_size");
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
            fail(sink, "best_bid_ask without valid prices");
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
}

bool FrameParser::parsePadded(const char *data, std::size_t len, EventSink &sink)
{
    ++m_stats.frames;
    Impl &d = *m_impl;

    auto reject = [&](const char *why) {
        fail(sink, why);
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
        return reject("empty frame");
    if (text.front() != '{' && text.front() != '[')
        return reject("frame is not a JSON object or array");
    // Cheap guard against a truncated frame or trailing bytes after the value.
    if (text.back() != (text.front() == '{' ? '}' : ']'))
        return reject("frame does not end where its JSON value ends");

    const std::uint64_t errorsBefore = m_stats.errors;
    if (m_fastReader && text.front() == '{') {
        d.startEvent();
        EventFields &f = d.flatFields;
        f.clear();
        if (d.collectFlat(text, f)) {
            ++m_stats.fastFrames;
            emitEvent(f, sink);
            return m_stats.errors == errorsBefore;
        }
    }

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
        emitEvent(f, sink);
        return simdjson::SUCCESS;
    };

    od::json_type type;
    if (auto e = doc.type().get(type))
        return failJson(e);
    if (type == od::json_type::array) {
        od::array array;
        if (auto e = doc.get_array().get(array))
            return failJson(e);
        for (auto element : array) {
            od::object object;
            if (auto e = element.get_object().get(object)) {
                if (e == simdjson::INCORRECT_TYPE)
                    return reject("array item is not an event object");
                return failJson(e);
            }
            d.startEvent();
            if (auto e = handleObject(object))
                return failJson(e);
        }
    } else {
        od::object object;
        if (auto e = doc.get_object().get(object))
            return failJson(e);
        d.startEvent();
        if (auto e = handleObject(object))
            return failJson(e);
    }
    return m_stats.errors == errorsBefore;
}

} // namespace polymon
