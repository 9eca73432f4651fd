#include "bookstore.h"

#include <algorithm>

namespace polymon {

const char *resyncReasonName(ResyncReason reason) noexcept
{
    switch (reason) {
    case ResyncReason::NoBook: return "changes before any book";
    case ResyncReason::TopMismatch: return "top of book differs from the exchange";
    case ResyncReason::Crossed: return "crossed or locked book";
    }
    return "?";
}

BookStore::BookStore(BookListener *listener)
    : m_listener(listener ? listener : &m_nullListener)
{
}

AssetBook *BookStore::find(std::string_view assetId) noexcept
{
    return m_index.find(assetId);
}

const AssetBook *BookStore::find(std::string_view assetId) const noexcept
{
    return m_index.find(assetId);
}

AssetBook &BookStore::track(std::string_view assetId)
{
    if (AssetBook *existing = find(assetId))
        return *existing;
    auto asset = std::make_unique<AssetBook>();
    asset->assetId = std::string(assetId);
    AssetBook &ref = *asset;
    m_index.insert(&ref);
    m_books.push_back(std::move(asset));
    return ref;
}

void BookStore::remove(std::string_view assetId)
{
    const AssetBook *asset = find(assetId);
    if (!asset)
        return;
    m_index.erase(assetId);
    // Removal is rare (an unsubscribe): a walk to the book, then the last book into its place.
    const auto it = std::find_if(m_books.begin(), m_books.end(), [asset](const auto &b) { return b.get() == asset; });
    std::swap(*it, m_books.back());
    m_books.pop_back();
}

void BookStore::markAwaitingBook(std::string_view assetId)
{
    if (AssetBook *asset = find(assetId)) {
        asset->book.clear();
        asset->state = SyncState::AwaitingBook;
        asset->crossed = false;
    }
}

void BookStore::forEach(const std::function<void(const AssetBook &)> &fn) const
{
    for (const auto &asset : m_books)
        fn(*asset);
}

void BookStore::onBook(const BookEvent &event)
{
    if (!m_trackUnknown && !find(event.assetId)) {
        ++m_stats.untrackedEvents;
        return;
    }
    AssetBook &asset = track(event.assetId);
    if (asset.market.empty() && !event.market.empty())
        asset.market = std::string(event.market);
    asset.book.replace(event.bids, event.asks);
    asset.state = SyncState::Synced;
    asset.lastUpdateMs = event.timestampMs;
    if (asset.firstUpdateMs == 0)
        asset.firstUpdateMs = event.timestampMs;
    if (event.tickSize > 0)
        asset.tickSize = event.tickSize;
    if (event.lastTradePrice > 0)
        asset.lastTradePrice = event.lastTradePrice;
    ++asset.updates;
    ++m_stats.booksApplied;
    // A snapshot is the exchange's own state: crossed is flagged, not resynced.
    asset.crossed = asset.book.crossedOrLocked();
    if (asset.crossed)
        ++m_stats.crossedBooks;
    m_listener->onTop(asset, event.timestampMs);
}

void BookStore::onPriceChange(const PriceChangeEvent &event)
{
    for (const PriceChangeEntry &entry : event.entries) {
        AssetBook *asset = find(entry.assetId);
        if (!asset) {
            if (!m_trackUnknown) {
                ++m_stats.untrackedEvents;
                continue;
            }
            asset = &track(entry.assetId);
        }
        if (!asset->synced()) {
            ++m_stats.unsyncedEntriesSkipped;
            if (asset->state != SyncState::Unsynced) {
                asset->state = SyncState::Unsynced;
                ++m_stats.unsyncedAssets;
                if (asset->market.empty() && !event.market.empty())
                    asset->market = std::string(event.market);
                m_listener->onResyncNeeded(*asset, ResyncReason::NoBook);
            }
            continue;
        }
        applyEntry(*asset, entry, event.timestampMs);
    }
}

void BookStore::applyEntry(AssetBook &asset, const PriceChangeEntry &entry, std::int64_t timestampMs)
{
    OrderBook &book = asset.book;
    if (book.setLevel(entry.side, entry.price, entry.size) > 0 && entry.size == 0)
        ++(entry.side == Side::Buy ? asset.bidLevelsRemoved : asset.askLevelsRemoved);
    asset.lastUpdateMs = timestampMs;
    ++asset.updates;
    ++m_stats.entriesApplied;

    if (entry.hasBestBid || entry.hasBestAsk) {
        // "0" bid / "0" or "1" ask stand for an empty side.
        if (entry.hasBestBid) {
            m_stats.levelsDropped += static_cast<std::uint64_t>(book.dropBidsAbove(entry.bestBid));
            if (book.bestBid() != entry.bestBid) {
                desync(asset, ResyncReason::TopMismatch);
                return;
            }
        }
        if (entry.hasBestAsk) {
            const bool emptyAsk = entry.bestAsk == 0 || entry.bestAsk >= kFixedScale;
            m_stats.levelsDropped += static_cast<std::uint64_t>(
                book.dropAsksBelow(emptyAsk ? kFixedScale + 1 : entry.bestAsk));
            const Fixed localAsk = book.hasAsk() ? book.bestAsk() : (emptyAsk ? entry.bestAsk : 0);
            if (localAsk != entry.bestAsk) {
                desync(asset, ResyncReason::TopMismatch);
                return;
            }
        }
        asset.crossed = book.crossedOrLocked();
        if (asset.crossed)
            ++m_stats.crossedBooks;
    } else if (book.crossedOrLocked()) {
        desync(asset, ResyncReason::Crossed);
        return;
    }
    m_listener->onTop(asset, timestampMs);
}

void BookStore::desync(AssetBook &asset, ResyncReason reason)
{
    ++m_stats.desyncs;
    asset.book.clear();
    asset.state = SyncState::Unsynced;
    asset.crossed = false;
    m_listener->onResyncNeeded(asset, reason);
}

void BookStore::onLastTrade(const LastTradeEvent &event)
{
    ++m_stats.trades;
    AssetBook *asset = find(event.assetId);
    if (!asset)
        return;
    asset->lastTradePrice = event.price;
    m_listener->onTrade(*asset, event);
}

void BookStore::onTickSize(const TickSizeEvent &event)
{
    AssetBook *asset = find(event.assetId);
    if (!asset)
        return;
    // Levels are exact integers, so nothing is re-bucketed.
    asset->tickSize = event.newTickSize;
    m_listener->onTickSize(*asset, event);
}

void BookStore::onBestBidAsk(const BestBidAskEvent &event)
{
    const AssetBook *asset = find(event.assetId);
    if (!asset || !asset->synced())
        return;
    // Timing relative to price_change frames is not documented: count only.
    if (asset->book.bestBid() != event.bestBid || asset->book.bestAsk() != event.bestAsk)
        ++m_stats.bestBidAskMismatches;
}

void BookStore::onMarketLifecycle(const MarketLifecycleEvent &event)
{
    m_listener->onMarketLifecycle(event);
}

void BookStore::onUnknownEvent(std::string_view)
{
    ++m_stats.unknownEvents;
}

void BookStore::onParseError(std::string_view reason)
{
    m_listener->onParseError(reason);
}

} // namespace polymon
