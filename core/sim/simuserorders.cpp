#include "simuserorders.h"

#include <algorithm>

namespace polymon {

void SimUserOrders::add(std::uint64_t id, int market, Side side, Fixed price, Fixed size, Fixed levelSize)
{
    m_entries.push_back({id, market, side, price, size, levelSize});
}

Fixed SimUserOrders::remove(std::uint64_t id)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [id](const Entry &e) { return e.id == id; });
    if (it == m_entries.end())
        return 0;
    const Entry gone = *it;
    m_entries.erase(it);
    // Those behind it move up by its size.
    for (Entry &e : m_entries)
        if (e.market == gone.market && e.side == gone.side && e.price == gone.price && e.ahead > gone.ahead)
            e.ahead = std::max<Fixed>(gone.ahead, e.ahead - gone.remaining);
    return gone.remaining;
}

Fixed SimUserOrders::reserved(int market, Side side, Fixed price) const noexcept
{
    Fixed total = 0;
    for (const Entry &e : m_entries)
        if (e.market == market && e.side == side && e.price == price)
            total += e.remaining;
    return total;
}

void SimUserOrders::traded(int market, Side side, Fixed price, Fixed traded, std::vector<Fill> &fills)
{
    for (Entry &e : m_entries) {
        if (e.market != market || e.side != side || e.price != price)
            continue;
        // `ahead` counts everything in front, earlier users' orders included,
        // so each order sees the same trade from its own place in the queue.
        const Fixed reach = traded - e.ahead;
        e.ahead = std::max<Fixed>(0, e.ahead - traded);
        if (reach <= 0)
            continue;
        const Fixed size = std::min(reach, e.remaining);
        e.remaining -= size;
        fills.push_back({e.id, price, size});
    }
    std::erase_if(m_entries, [](const Entry &e) { return e.remaining <= 0; });
}

void SimUserOrders::levelChanged(int market, Side side, Fixed price, Fixed levelSize)
{
    // Walking from the back of the queue: each order can be no further back
    // than the level minus the users' shares at or behind it.
    Fixed behind = 0;
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if (it->market != market || it->side != side || it->price != price)
            continue;
        behind += it->remaining;
        it->ahead = std::clamp<Fixed>(levelSize - behind, 0, it->ahead);
    }
}

} // namespace polymon
