#pragma once

#include "assetbook.h"
#include "assetindex.h"
#include "booklistener.h"
#include "protocol/eventsink.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace polymon {

struct BookStoreStats
{
    std::uint64_t booksApplied = 0;
    std::uint64_t entriesApplied = 0;
    std::uint64_t unsyncedEntriesSkipped = 0;
    std::uint64_t untrackedEvents = 0; // books or entries for assets not tracked
    std::uint64_t levelsDropped = 0; // removed by best_bid/best_ask reconciliation
    std::uint64_t desyncs = 0;
    std::uint64_t unsyncedAssets = 0; // transitions into Unsynced for want of a book
    std::uint64_t crossedBooks = 0;   // exchange-reported crossed or locked tops
    std::uint64_t trades = 0;
    std::uint64_t unknownEvents = 0;
    std::uint64_t bestBidAskMismatches = 0;
};

// Applies parsed events to one OrderBook per asset (keyed by asset_id, never
// by market) and keeps each asset's sync state. Reconciliation rule: where an
// entry carries best_bid/best_ask, those are the exchange's top after it, so
// local levels better than them were matched there and are dropped; a top
// that still differs is a desync. Changes for an asset without a trusted book
// are skipped until its `book` arrives.
class BookStore final : public EventSink
{
public:
    explicit BookStore(BookListener *listener = nullptr);

    AssetBook *find(std::string_view assetId) noexcept;
    const AssetBook *find(std::string_view assetId) const noexcept;
    // Adds the asset as AwaitingBook if it is new.
    AssetBook &track(std::string_view assetId);
    void remove(std::string_view assetId);
    // Discards the book (after a disconnect) until a fresh `book` arrives.
    void markAwaitingBook(std::string_view assetId);
    void forEach(const std::function<void(const AssetBook &)> &fn) const;
    std::size_t size() const noexcept { return m_books.size(); }
    // Replay tracks every asset it meets; a live monitor only those it
    // subscribed (the feed also sends the paired token's entries).
    void setTrackUnknownAssets(bool track) noexcept { m_trackUnknown = track; }

    const BookStoreStats &stats() const noexcept { return m_stats; }

    void onBook(const BookEvent &event) override;
    void onPriceChange(const PriceChangeEvent &event) override;
    void onLastTrade(const LastTradeEvent &event) override;
    void onTickSize(const TickSizeEvent &event) override;
    void onBestBidAsk(const BestBidAskEvent &event) override;
    void onMarketLifecycle(const MarketLifecycleEvent &event) override;
    void onUnknownEvent(std::string_view eventType) override;
    void onParseError(std::string_view reason) override;

private:
    void applyEntry(AssetBook &asset, const PriceChangeEntry &entry, std::int64_t timestampMs);
    void desync(AssetBook &asset, ResyncReason reason);

    std::vector<std::unique_ptr<AssetBook>> m_books; // owns the books, in the order they were met
    AssetIndex m_index; // finds them by id
    BookListener *m_listener;
    BookListener m_nullListener;
    BookStoreStats m_stats;
    bool m_trackUnknown = true;
};

} // namespace polymon
