#pragma once

#include "protocol/events.h"

#include <QMetaType>
#include <QString>

#include <cstdint>

namespace polymon {

// The exchange's order types (shared/trading.md): GTC and GTD rest, FOK and
// FAK take what the book holds at once (all or nothing, or what they can).
enum class OrderType : std::uint8_t { GTC, GTD, FOK, FAK };

// Order states as the user channel names them.
enum class OrderStatus : std::uint8_t {
    Live,                   // resting, possibly partly filled
    Matched,                // filled completely
    Canceled,               // cancelled by the user, expired, or a FAK/FOK remainder
    Unmatched,              // marketable order that found nothing
    Delayed,                // accepted, matching delayed by the exchange
    Invalid,                // refused
    CanceledMarketResolved, // the market resolved while it rested
    Pending,                // live orders: sent, the exchange has not answered yet
};

const char *orderTypeName(OrderType type) noexcept;
bool parseOrderType(QStringView text, OrderType &out) noexcept;
const char *orderStatusName(OrderStatus status) noexcept;
bool parseOrderStatus(QStringView text, OrderStatus &out) noexcept;
const char *sideName(Side side) noexcept; // "BUY" / "SELL"
bool parseSide(QStringView text, Side &out) noexcept;

// price x size in micro-USDC, rounded once: up for what a buy pays (and
// what a limit counts), down for what a sale receives or a mark is worth.
Fixed notionalUp(Fixed price, Fixed size) noexcept;
Fixed notionalDown(Fixed price, Fixed size) noexcept;
// What a fill of `side` is worth, rounded against the trader (a buy pays up,
// a sale receives down): every broker's Fill::notional.
Fixed fillNotional(Side side, Fixed price, Fixed size) noexcept;

inline bool isMarketable(OrderType type) noexcept
{
    return type == OrderType::FOK || type == OrderType::FAK;
}

// What the user asks for. Sizes are shares for every type (a marketable BUY
// at the exchange is sent as dollars; the broker converts at its limit).
struct OrderRequest
{
    QString assetId;
    Side side = Side::Buy;
    OrderType type = OrderType::GTC;
    Fixed price = 0; // the limit, millionths; for FOK/FAK the worst price accepted
    Fixed size = 0;  // shares, millionths
    bool postOnly = false;
    std::int64_t expiresMs = 0; // GTD only: exchange time it is cancelled
    bool reduceOnly = false;     // stop-loss and flatten orders: may only shrink a position

    Fixed notional() const noexcept;
};

// One order the broker holds, with its fills so far.
struct Order
{
    qint64 id = 0;
    OrderRequest request;
    OrderStatus status = OrderStatus::Live;
    QString reason; // why it was cancelled, expired or refused; empty otherwise
    Fixed filled = 0;
    // Live orders: matched at the exchange but not yet confirmed on chain
    // (not in the position until CONFIRMED; a FAILED match gives it back).
    Fixed pending = 0;
    Fixed queueAhead = 0; // shares resting ahead of it at its price (resting orders)
    std::int64_t createdMs = 0;
    std::int64_t updatedMs = 0;

    Fixed remaining() const noexcept { return request.size - filled - pending; }
    bool working() const noexcept
    {
        return status == OrderStatus::Live || status == OrderStatus::Delayed || status == OrderStatus::Pending;
    }
};

// One match of one order.
struct Fill
{
    qint64 orderId = 0;
    QString assetId;
    std::int64_t timestampMs = 0;
    Side side = Side::Buy;
    Fixed price = 0;
    Fixed size = 0;
    Fixed fee = 0;      // micro-USDC, takers only
    Fixed notional = 0; // micro-USDC: price x size, rounded against the trader
    bool maker = false;
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::Order)
Q_DECLARE_METATYPE(polymon::Fill)
