#include "order.h"

#include "util/int128.h"

#include <array>
#include <utility>

namespace polymon {

namespace {
constexpr std::array<std::pair<OrderType, const char *>, 4> kTypes{{
    {OrderType::GTC, "GTC"},
    {OrderType::GTD, "GTD"},
    {OrderType::FOK, "FOK"},
    {OrderType::FAK, "FAK"},
}};
constexpr std::array<std::pair<OrderStatus, const char *>, 8> kStatuses{{
    {OrderStatus::Live, "LIVE"},
    {OrderStatus::Matched, "MATCHED"},
    {OrderStatus::Canceled, "CANCELED"},
    {OrderStatus::Unmatched, "UNMATCHED"},
    {OrderStatus::Delayed, "DELAYED"},
    {OrderStatus::Invalid, "INVALID"},
    {OrderStatus::CanceledMarketResolved, "CANCELED_MARKET_RESOLVED"},
    {OrderStatus::Pending, "PENDING"},
}};

template<typename Enum, std::size_t N>
const char *nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value) noexcept
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return name;
    }
    return "?";
}

template<typename Enum, std::size_t N>
bool parseName(const std::array<std::pair<Enum, const char *>, N> &table, QStringView text, Enum &out) noexcept
{
    for (const auto &[e, name] : table) {
        if (text.compare(QLatin1StringView(name), Qt::CaseInsensitive) == 0) {
            out = e;
            return true;
        }
    }
    return false;
}
} // namespace

const char *orderTypeName(OrderType type) noexcept
{
    return nameOf(kTypes, type);
}

bool parseOrderType(QStringView text, OrderType &out) noexcept
{
    return parseName(kTypes, text, out);
}

const char *orderStatusName(OrderStatus status) noexcept
{
    return nameOf(kStatuses, status);
}

bool parseOrderStatus(QStringView text, OrderStatus &out) noexcept
{
    // The user channel may add a reason: "CANCELED_order couldn't be fully filled".
    if (parseName(kStatuses, text, out))
        return true;
    if (text.startsWith(QLatin1StringView("CANCELED_MARKET_RESOLVED"), Qt::CaseInsensitive)) {
        out = OrderStatus::CanceledMarketResolved;
        return true;
    }
    if (text.startsWith(QLatin1StringView("CANCELED"), Qt::CaseInsensitive)) {
        out = OrderStatus::Canceled;
        return true;
    }
    return false;
}

const char *sideName(Side side) noexcept
{
    return side == Side::Buy ? "BUY" : "SELL";
}

bool parseSide(QStringView text, Side &out) noexcept
{
    if (text.compare(QLatin1StringView("BUY"), Qt::CaseInsensitive) == 0) {
        out = Side::Buy;
        return true;
    }
    if (text.compare(QLatin1StringView("SELL"), Qt::CaseInsensitive) == 0) {
        out = Side::Sell;
        return true;
    }
    return false;
}

Fixed notionalUp(Fixed price, Fixed size) noexcept
{
    const Int128 v = Int128(price) * size;
    return Fixed((v + kFixedScale - 1) / kFixedScale);
}

Fixed notionalDown(Fixed price, Fixed size) noexcept
{
    return Fixed(Int128(price) * size / kFixedScale);
}

Fixed fillNotional(Side side, Fixed price, Fixed size) noexcept
{
    return side == Side::Buy ? notionalUp(price, size) : notionalDown(price, size);
}

Fixed OrderRequest::notional() const noexcept
{
    return notionalUp(price, size); // limits compare against the most it can cost
}

} // namespace polymon
