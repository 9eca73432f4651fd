#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace polymon {

struct AssetBook;

// Finds a book by its token id, the lookup every price change makes (two per
// frame in a replay). Open addressing with linear probing over slots of
// (hash, book, id) in one array: a lookup reads one or two adjacent slots and
// compares the full id only when the 64-bit hash matches. It does not own the
// books.
class AssetIndex final
{
public:
    AssetBook *find(std::string_view id) const noexcept
    {
        if (m_slots.empty())
            return nullptr;
        const std::uint64_t h = hashOf(id);
        for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const Slot &slot = m_slots[i];
            if (!slot.book)
                return nullptr;
            if (slot.hash == h && sameId(slot, id))
                return slot.book;
        }
    }

    // The book's id must not be in the index yet.
    void insert(AssetBook *book);
    void erase(std::string_view id) noexcept;
    std::size_t size() const noexcept { return m_count; }

    // Token ids are ~77 random digits: the last 16 bytes carry plenty of
    // entropy and hash far faster than the whole string; short ids hash whole.
    static std::uint64_t hashOf(std::string_view s) noexcept
    {
        std::uint64_t a = 0, b = 0;
        if (s.size() >= 16) {
            std::memcpy(&a, s.data() + s.size() - 16, 8);
            std::memcpy(&b, s.data() + s.size() - 8, 8);
        } else {
            char tail[16] = {};
            std::memcpy(tail, s.data(), s.size());
            std::memcpy(&a, tail, 8);
            std::memcpy(&b, tail + 8, 8);
        }
        const std::uint64_t h = (a * 0x9E3779B97F4A7C15ULL) ^ ((b + 0xC2B2AE3D27D4EB4FULL + s.size()) * 0x165667B19E3779F9ULL);
        return h ^ (h >> 29);
    }

private:
    // Token ids are at most 78 digits: held in the slot itself, so a lookup
    // reads one place (the books' own ids lie scattered over the heap, and a
    // replay streaming its file through the caches finds them cold).
    static constexpr std::size_t kInlineId = 80;

    struct Slot
    {
        std::uint64_t hash = 0;
        AssetBook *book = nullptr;
        std::size_t idSize = 0;
        const char *longId = nullptr; // the book's own id when longer than kInlineId
        char inlineId[kInlineId] = {};

        const char *id() const noexcept { return idSize <= kInlineId ? inlineId : longId; }
    };

    // Inline and with no early exit: ids that share a hash are almost always
    // equal. A token id (32 to 96 bytes) is three 32-byte compares in AVX2
    // builds; otherwise 8 bytes a step, a 77-byte id in ten loads.
    static bool sameId(const Slot &slot, std::string_view id) noexcept
    {
        const std::size_t n = id.size();
        if (slot.idSize != n)
            return false;
        const char *own = slot.id();
#if defined(__AVX2__)
        if (n >= 32 && n <= 96) { // token ids: three 32-byte compares, the last overlapping
            const __m256i a = _mm256_xor_si256(load32(own), load32(id.data()));
            const __m256i b = _mm256_xor_si256(load32(own + n / 2 - 16), load32(id.data() + n / 2 - 16));
            const __m256i c = _mm256_xor_si256(load32(own + n - 32), load32(id.data() + n - 32));
            const __m256i any = _mm256_or_si256(a, _mm256_or_si256(b, c));
            return _mm256_testz_si256(any, any) != 0;
        }
#endif
        if (n < 8)
            return std::memcmp(own, id.data(), n) == 0;
        std::uint64_t diff = 0;
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8)
            diff |= load(own + i) ^ load(id.data() + i);
        if (i < n) // the last 8 bytes, overlapping
            diff |= load(own + n - 8) ^ load(id.data() + n - 8);
        return diff == 0;
    }
#if defined(__AVX2__)
    static __m256i load32(const char *p) noexcept { return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p)); }
#endif
    static std::uint64_t load(const char *p) noexcept
    {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        return v;
    }
    void place(const Slot &slot) noexcept;
    void grow();

    std::vector<Slot> m_slots; // a power of two long, at most half full
    std::size_t m_mask = 0;
    std::size_t m_count = 0;
};

} // namespace polymon
