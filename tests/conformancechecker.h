#pragma once

#include "book/bookstore.h"
#include "protocol/eventsink.h"

#include <QStringList>

// Drives a BookStore and checks it against the exchange's own statements:
// after each price_change entry of a synced asset, the local top must equal
// the entry's best_bid/best_ask; when a later `book` arrives for a synced
// asset, the rebuilt book must equal it level for level.
class ConformanceChecker final : public polymon::EventSink
{
public:
    explicit ConformanceChecker(polymon::BookListener *listener = nullptr)
        : store(listener)
    {
    }

    polymon::BookStore store;
    int entriesChecked = 0;
    int topMismatches = 0;
    int booksCompared = 0;
    int bookMismatches = 0;
    QStringList problems;

    void onBook(const polymon::BookEvent &e) override
    {
        const polymon::AssetBook *asset = store.find(e.assetId);
        if (asset && asset->synced()) {
            polymon::OrderBook expected;
            expected.replace(e.bids, e.asks);
            ++booksCompared;
            if (!sameLevels(asset->book.bids(), expected.bids()) || !sameLevels(asset->book.asks(), expected.asks())) {
                ++bookMismatches;
                problems << QStringLiteral("book differs from snapshot for %1 at %2")
                                .arg(QString::fromUtf8(e.assetId.data(), qsizetype(e.assetId.size())).left(12))
                                .arg(e.timestampMs);
            }
        }
        store.onBook(e);
    }

    void onPriceChange(const polymon::PriceChangeEvent &e) override
    {
        for (const polymon::PriceChangeEntry &entry : e.entries) {
            const polymon::AssetBook *before = store.find(entry.assetId);
            const bool wasSynced = before && before->synced();
            polymon::PriceChangeEvent one = e;
            one.entries = std::span<const polymon::PriceChangeEntry>(&entry, 1);
            store.onPriceChange(one);
            if (!wasSynced || !(entry.hasBestBid || entry.hasBestAsk))
                continue;
            ++entriesChecked;
            const polymon::AssetBook *after = store.find(entry.assetId);
            const polymon::Fixed bid = after->book.hasBid() ? after->book.bestBid() : 0;
            const polymon::Fixed ask = after->book.hasAsk() ? after->book.bestAsk() : polymon::kFixedScale;
            const polymon::Fixed wantAsk = entry.bestAsk == 0 ? polymon::kFixedScale : entry.bestAsk;
            if (!after->synced() || (entry.hasBestBid && bid != entry.bestBid) || (entry.hasBestAsk && ask != wantAsk)) {
                ++topMismatches;
                problems << QStringLiteral("top %1/%2 != exchange %3/%4 at %5")
                                .arg(QString::fromStdString(polymon::formatFixed(bid)),
                                     QString::fromStdString(polymon::formatFixed(ask)),
                                     QString::fromStdString(polymon::formatFixed(entry.bestBid)),
                                     QString::fromStdString(polymon::formatFixed(entry.bestAsk)))
                                .arg(e.timestampMs);
            }
        }
    }

    void onLastTrade(const polymon::LastTradeEvent &e) override { store.onLastTrade(e); }
    void onTickSize(const polymon::TickSizeEvent &e) override { store.onTickSize(e); }
    void onBestBidAsk(const polymon::BestBidAskEvent &e) override { store.onBestBidAsk(e); }
    void onMarketLifecycle(const polymon::MarketLifecycleEvent &e) override { store.onMarketLifecycle(e); }
    void onUnknownEvent(std::string_view t) override { store.onUnknownEvent(t); }
    void onParseError(std::string_view r) override { store.onParseError(r); }

private:
    static bool sameLevels(std::span<const polymon::PriceLevel> a, std::span<const polymon::PriceLevel> b)
    {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].price != b[i].price || a[i].size != b[i].size)
                return false;
        }
        return true;
    }
};
