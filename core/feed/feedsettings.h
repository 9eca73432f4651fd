#pragma once

#include <QUrl>

namespace polymon {

// Connection policy of the market feed. Defaults follow the exchange's
// documentation and the failure modes other clients met (protocol.md §3).
inline constexpr int kMaxAssetsPerConnection = 500;

struct FeedSettings
{
    QUrl endpoint = QUrl(QStringLiteral("wss://ws-subscriptions-clob.polymarket.com/ws/market"));
    int pingIntervalMs = 10'000;  // text PING cadence the server expects
    int pongTimeoutMs = 20'000;   // two intervals without PONG: dead link
    int idleTimeoutMs = 60'000;   // no frame but PONG while subscribed: silent stall
    int backoffInitialMs = 1'000; // reconnect delay doubles from here...
    int backoffMaxMs = 30'000;    // ...up to this cap, with jitter
    int stableResetMs = 60'000;   // connected this long: backoff starts over
    // No data flows beyond ~500 tokens; 200 is NautilusTrader's reliable bound.
    int maxAssetsPerConnection = 200;
    int resyncCooldownMs = 5'000; // at most one resubscribe per asset per window...
    int resyncMaxMs = 60'000;     // ...backing off to this while the exchange keeps disagreeing
    int bookDeadlineMs = 15'000;  // a subscribed asset without its book by then is asked again
    // Every book is refreshed from a new snapshot this often, spread over the
    // interval, so a drift nothing detected cannot last (0: never).
    int forcedResyncMs = 30 * 60'000;
};

} // namespace polymon
