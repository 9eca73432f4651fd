#include "bookcheckpoint.h"

#include "book/bookstore.h"
#include "captureformat.h"

#include <vector>

namespace polymon {

using namespace capture;

namespace {

// Per asset: u16 id length, id, u8 state, u8 crossed, i64 tick,
// i64 last update (ms), u32 bids, u32 asks, then (i64 price, i64 size) per
// level, best last, bids first.
void putLevels(std::string &out, std::span<const PriceLevel> levels)
{
    char buf[16];
    for (const PriceLevel &l : levels) {
        putI64(buf, l.price);
        putI64(buf + 8, l.size);
        out.append(buf, 16);
    }
}

struct Cursor
{
    std::string_view in;
    bool ok = true;
    const char *take(std::size_t n)
    {
        if (!ok || in.size() < n) {
            ok = false;
            return nullptr;
        }
        const char *p = in.data();
        in.remove_prefix(n);
        return p;
    }
};

struct Asset
{
    std::string_view id;
    SyncState state = SyncState::AwaitingBook;
    Fixed tick = 0;
    std::int64_t lastUpdateMs = 0;
    std::vector<PriceLevel> bids, asks;
};

} // namespace

std::string BookCheckpoint::encode(const BookStore &books)
{
    std::string out;
    char buf[32];
    putU32(buf, std::uint32_t(books.size()));
    out.append(buf, 4);
    books.forEach([&](const AssetBook &a) {
        putU16(buf, std::uint16_t(a.assetId.size()));
        out.append(buf, 2);
        out += a.assetId;
        buf[0] = char(a.state);
        buf[1] = char(a.crossed ? 1 : 0);
        putI64(buf + 2, a.tickSize);
        putI64(buf + 10, a.lastUpdateMs);
        putU32(buf + 18, std::uint32_t(a.book.bids().size()));
        putU32(buf + 22, std::uint32_t(a.book.asks().size()));
        out.append(buf, 26);
        putLevels(out, a.book.bids());
        putLevels(out, a.book.asks());
    });
    return out;
}

bool BookCheckpoint::restore(std::string_view payload, BookStore &books)
{
    Cursor c{payload};
    const char *count = c.take(4);
    if (!count)
        return false;
    std::vector<Asset> assets(getU32(count));
    for (Asset &a : assets) {
        const char *len = c.take(2);
        const char *id = len ? c.take(getU16(len)) : nullptr;
        const char *fixed = c.take(26);
        if (!id || !fixed)
            return false;
        a.id = std::string_view(id, getU16(len));
        a.state = SyncState(std::uint8_t(fixed[0]));
        a.tick = getI64(fixed + 2);
        a.lastUpdateMs = getI64(fixed + 10);
        for (auto *side : {&a.bids, &a.asks}) {
            const std::uint32_t n = getU32(side == &a.bids ? fixed + 18 : fixed + 22);
            const char *levels = c.take(std::size_t(n) * 16);
            if (!levels)
                return false;
            side->resize(n);
            for (std::uint32_t i = 0; i < n; ++i)
                (*side)[i] = PriceLevel{getI64(levels + 16 * i), getI64(levels + 16 * i + 8)};
        }
    }
    if (!c.ok || !c.in.empty())
        return false;
    // Every book the store holds is as of the checkpoint now: the ones it has
    // there are replaced, the others wait for their next `book`.
    std::vector<std::string> present;
    books.forEach([&present](const AssetBook &a) { present.push_back(a.assetId); });
    for (const std::string &id : present)
        books.markAwaitingBook(id);
    for (const Asset &a : assets) {
        if (a.state != SyncState::Synced)
            continue;
        BookEvent e;
        e.assetId = a.id;
        e.timestampMs = a.lastUpdateMs;
        e.bids = a.bids;
        e.asks = a.asks;
        e.tickSize = a.tick;
        books.onBook(e);
    }
    return true;
}

} // namespace polymon
