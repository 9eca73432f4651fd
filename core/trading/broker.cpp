#include "broker.h"

#include "book/bookstore.h"

namespace polymon {

MarketRules Broker::withLiveTick(MarketRules rules, const BookStore *books, const QString &assetId)
{
    const AssetBook *book = books ? books->find(assetId.toStdString()) : nullptr;
    if (book && book->synced() && book->tickSize > 0)
        rules.tick = book->tickSize;
    return rules;
}

} // namespace polymon
