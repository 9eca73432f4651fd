#include "topsline.h"

#include <cstdio>

namespace polymon {

namespace {

void appendQuoted(std::string &out, Fixed value)
{
    char buf[32];
    const int n = formatFixed(value, buf);
    out += '"';
    out.append(buf, static_cast<std::size_t>(n));
    out += '"';
}

} // namespace

void TopsLine::append(std::string &out, const AssetBook &asset, std::int64_t timestampMs)
{
    const OrderBook &book = asset.book;
    out += "{\"asset_id\":\"";
    out += asset.assetId; // token ids are digits: nothing to escape
    out += "\",\"ts\":";
    char buf[24];
    const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(timestampMs));
    out.append(buf, static_cast<std::size_t>(n));
    out += ",\"best_bid\":";
    if (book.hasBid())
        appendQuoted(out, book.bestBid());
    else
        out += "null";
    out += ",\"best_ask\":";
    if (book.hasAsk())
        appendQuoted(out, book.bestAsk());
    else
        out += "null";
    out += ",\"bid_depth\":";
    appendQuoted(out, book.bidDepth());
    out += ",\"ask_depth\":";
    appendQuoted(out, book.askDepth());
    out += "}\n";
}

} // namespace polymon
