#include "assetindex.h"

#include "assetbook.h"

#include <cstring>

namespace polymon {

void AssetIndex::insert(AssetBook *book)
{
    if ((m_count + 1) * 2 > m_slots.size())
        grow();
    Slot slot;
    const std::string &id = book->assetId;
    slot.hash = hashOf(id);
    slot.book = book;
    slot.idSize = id.size();
    if (id.size() <= kInlineId)
        std::memcpy(slot.inlineId, id.data(), id.size());
    else
        slot.longId = id.data();
    place(slot);
    ++m_count;
}

void AssetIndex::place(const Slot &slot) noexcept
{
    std::size_t i = slot.hash & m_mask;
    while (m_slots[i].book)
        i = (i + 1) & m_mask;
    m_slots[i] = slot;
}

void AssetIndex::grow()
{
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    m_mask = m_slots.size() - 1;
    for (const Slot &slot : old) {
        if (slot.book)
            place(slot);
    }
}

void AssetIndex::erase(std::string_view id) noexcept
{
    if (m_slots.empty())
        return;
    const std::uint64_t h = hashOf(id);
    std::size_t i = h & m_mask;
    for (;; i = (i + 1) & m_mask) {
        if (!m_slots[i].book)
            return;
        if (m_slots[i].hash == h && sameId(m_slots[i], id))
            break;
    }
    // Backward-shift deletion: pull later slots of the same run into the
    // hole when their home is at or before it, so probes never stop early.
    std::size_t hole = i;
    for (std::size_t j = (i + 1) & m_mask; m_slots[j].book; j = (j + 1) & m_mask) {
        const std::size_t home = m_slots[j].hash & m_mask;
        const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
        if (movable) {
            m_slots[hole] = m_slots[j];
            hole = j;
        }
    }
    m_slots[hole] = Slot{};
    --m_count;
}

} // namespace polymon
