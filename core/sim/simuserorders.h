#pragma once

#include "protocol/events.h"

#include <cstdint>
#include <vector>

namespace polymon {

// Where users' resting orders stand in the simulated books. Their shares
// are part of the levels' sizes (so the market channel shows them); each
// order knows the size ahead of it at its price. A trade at its level eats
// the queue in arrival order; a level that shrinks without a trade (others
// cancelling) moves it up, and can never shrink below what users rest there.
// Prices and sides are the YES book's (a NO order is kept as its mirror).
class SimUserOrders final
{
public:
    struct Entry
    {
        std::uint64_t id = 0;
        int market = -1;
        Side side = Side::Buy; // in the YES book
        Fixed price = 0;       // YES price
        Fixed remaining = 0;
        Fixed ahead = 0;
    };
    struct Fill
    {
        std::uint64_t id = 0;
        Fixed price = 0; // YES price
        Fixed size = 0;
    };

    // Joins the back of a level that holds `levelSize` before it arrives.
    void add(std::uint64_t id, int market, Side side, Fixed price, Fixed size, Fixed levelSize);
    // Its remaining shares (0: unknown or done); the entry is gone.
    Fixed remove(std::uint64_t id);
    // What users rest at one price.
    Fixed reserved(int market, Side side, Fixed price) const noexcept;
    // `traded` shares left the level by a trade: fills in queue order.
    void traded(int market, Side side, Fixed price, Fixed traded, std::vector<Fill> &fills);
    // The level is now `levelSize` (after any trade was counted): nobody is
    // further back than the level allows.
    void levelChanged(int market, Side side, Fixed price, Fixed levelSize);
    const std::vector<Entry> &entries() const noexcept { return m_entries; }

private:
    std::vector<Entry> m_entries; // arrival order
};

} // namespace polymon
