#pragma once

#include "framekeys.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__x86_64__) || defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace polymon {

// A strict reader for the shape nearly every market frame has: one line of
// printable ASCII without a backslash, holding an object whose values are
// strings, or arrays of objects whose values are strings. A first pass marks
// the frame's quotes in a bit set (64 bytes a step, no branch per byte) and
// checks that no byte is a control character, a backslash or non-ASCII.
// Then a string ends at the next marked quote whatever its length, a known
// key's end is known from its length, and only the few bytes between
// strings are read one by one. On anything else (a number, a nested value,
// an escape, a syntax error) it stops and says so (failed()); the caller then
// reads the frame with the general parser, which alone decides what is
// malformed and how. Inline throughout: it is the replay's hot loop.
//
// The input must stay readable 64 bytes past end (frames are padded).
class FlatJsonScanner
{
public:
    // quoteBits: scratch for the quote marks, reused from frame to frame.
    FlatJsonScanner(const char *begin, const char *end, std::vector<std::uint64_t> &quoteBits)
        : m_p(begin)
        , m_begin(begin)
        , m_end(end)
    {
        if (!markQuotes(begin, end, quoteBits))
            fail();
        m_quotes = quoteBits.data();
    }

    bool failed() const noexcept { return m_failed; }

    // Enters the object or array that comes next.
    [[gnu::always_inline]] bool enterObject() noexcept { return open('{'); }
    [[gnu::always_inline]] bool enterArray() noexcept { return open('['); }

    // The next member of the innermost object entered: true with its key and
    // the scanner before its value; false at the object's end or on failure.
    // With no backslash in the frame, the first quote after a key's name
    // closes it: a known key is skipped by its length, unsearched.
    [[gnu::always_inline]] bool nextMember(FrameKey &key) noexcept
    {
        if (quickMember(key))
            return true;
        if (!separator('}') || !take('"'))
            return false;
        key = knownFrameKey(m_p);
        if (key != FrameKey::Unknown)
            m_p += frameKeyLength(key) + 1;
        else if (!plainString())
            return false;
        return take(':');
    }

    // The next member when it is Expected with a string value (the usual
    // order of an object's keys): true with the value in out; false with
    // nothing consumed when the next member is anything else (or on failure).
    template<FrameKey Expected>
    [[gnu::always_inline]] bool expectedString(std::string_view &out) noexcept
    {
        const char *name = quickName();
        return name && framekeys::keyIs(name, Expected) && quickValue(name, Expected) && string(out);
    }

    // The next element of the innermost array entered: true before it, false
    // at the array's end or on failure.
    [[gnu::always_inline]] bool nextElement() noexcept { return separator(']'); }

    // A string value, without its quotes.
    [[gnu::always_inline]] bool string(std::string_view &out) noexcept
    {
        // After a member's key m_p is inside the frame (its last byte is a
        // closing bracket, not a colon); after a failure the byte at m_end
        // is padding and the quote search below fails at once.
        if (*m_p == '"')
            ++m_p;
        else if (!take('"'))
            return false;
        const char *start = m_p;
        if (!plainString())
            return false;
        out = std::string_view(start, static_cast<std::size_t>(m_p - 1 - start));
        m_afterValue = true;
        return true;
    }

    // True when only blanks follow the value read.
    bool atEnd() noexcept
    {
        skipSpaces();
        return !m_failed && m_p == m_end;
    }

private:
    const char *m_p;
    const char *m_begin;
    const char *m_end;
    const std::uint64_t *m_quotes = nullptr; // bit i: a quote at m_begin[i]; all ones past the end
    bool m_afterValue = false; // a value (or a container's end) was just read
    bool m_failed = false;

    // Every read checks m_p < m_end, so after a failure (m_p = m_end) every
    // call returns false at once.
    bool fail() noexcept
    {
        m_failed = true;
        m_p = m_end;
        return false;
    }

    // Tabs and line breaks are control characters: markQuotes turned such
    // frames away, so spaces are the only blanks left.
    [[gnu::always_inline]] void skipSpaces() noexcept
    {
        while (m_p < m_end && *m_p == ' ')
            ++m_p;
    }

    // The next byte, past spaces; 0 at the end.
    [[gnu::always_inline]] char peek() noexcept
    {
        if (m_p < m_end && *m_p != ' ')
            return *m_p;
        skipSpaces();
        return m_p < m_end ? *m_p : '\0';
    }

    [[gnu::always_inline]] bool take(char c) noexcept
    {
        if (peek() != c)
            return fail();
        ++m_p;
        return true;
    }

    [[gnu::always_inline]] bool open(char c) noexcept
    {
        if (!take(c))
            return false;
        m_afterValue = false;
        return true;
    }

    // Before the next member or element: after a value, a comma (true) or the
    // closing bracket (false, consumed); right after the opening bracket, the
    // closing bracket (an empty container) or the first item.
    [[gnu::always_inline]] bool separator(char close) noexcept
    {
        const char c = peek();
        if (c == close) {
            ++m_p;
            m_afterValue = true;
            return false;
        }
        if (m_afterValue) {
            if (c != ',')
                return fail();
            ++m_p;
            m_afterValue = false;
        } else if (c == '\0') {
            return fail();
        }
        return true;
    }

    // The usual way to the next member: `"` after the object's opening
    // bracket, `,"` or `, "` after a value; a known key, then `":"` or
    // `": "`; m_p is left on the value's first byte. Compared a few bytes
    // at once (the frame is padded). A match lies wholly inside the frame:
    // its last byte is a closing bracket, which no pattern or key holds.
    // Anything else is left to the general path.
    [[gnu::always_inline]] bool quickMember(FrameKey &key) noexcept
    {
        const char *name = quickName();
        if (!name)
            return false;
        const FrameKey known = knownFrameKey(name);
        if (known == FrameKey::Unknown || !quickValue(name, known))
            return false;
        key = known;
        return true;
    }

    // Where the next member's key starts, or null when the bytes before it
    // are not the usual ones.
    [[gnu::always_inline]] const char *quickName() const noexcept
    {
        const std::uint32_t gap = load32(m_p);
        if (!m_afterValue)
            return (gap & 0xff) == '"' ? m_p + 1 : nullptr;
        if ((gap & 0xffff) == (',' | '"' << 8))
            return m_p + 2;
        if ((gap & 0xffffff) == (',' | ' ' << 8 | '"' << 16))
            return m_p + 3;
        return nullptr;
    }

    // Past the known key at name and its colon to the value, when the
    // value is a string; false (nothing consumed) otherwise.
    [[gnu::always_inline]] bool quickValue(const char *name, FrameKey known) noexcept
    {
        const char *colon = name + frameKeyLength(known) + 1;
        const std::uint32_t after = load32(colon);
        if ((after & 0xffff) == (':' | '"' << 8))
            m_p = colon + 1;
        else if ((after & 0xffffff) == (':' | ' ' << 8 | '"' << 16))
            m_p = colon + 2;
        else
            return false;
        m_afterValue = false;
        return true;
    }

    static std::uint32_t load32(const char *p) noexcept
    {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }

    // From after an opening quote to after the closing one: the next marked quote.
    [[gnu::always_inline]] bool plainString() noexcept
    {
        const std::size_t at = static_cast<std::size_t>(m_p - m_begin);
        std::size_t word = at >> 6;
        std::uint64_t bits = m_quotes[word] & (~std::uint64_t(0) << (at & 63));
        while (!bits)
            bits = m_quotes[++word];
        const char *quote = m_begin + (word << 6) + static_cast<std::size_t>(__builtin_ctzll(bits));
        if (quote >= m_end)
            return fail();
        m_p = quote + 1;
        return true;
    }

    // The bit set of quotes; false when any byte is below ' ' (control), a
    // backslash or above 0x7f.
    static bool markQuotes(const char *begin, const char *end, std::vector<std::uint64_t> &bits)
    {
        const std::size_t size = static_cast<std::size_t>(end - begin);
        const std::size_t words = (size + 63) / 64;
        if (bits.size() < words + 1)
            bits.resize(words + 1);
#if defined(__x86_64__) && !defined(__AVX512BW__)
        // AVX-512 where the processor has it (as simdjson chooses its kernel
        // at run time): one compare per 64 bytes.
        const bool clean = hasAvx512() ? markBlocks512(begin, size, bits.data()) : markBlocks(begin, size, bits.data());
#else
        const bool clean = markBlocks(begin, size, bits.data());
#endif
        bits[words] = ~std::uint64_t(0); // a quote past the end stops every search
        return clean;
    }

    // The marks of the bytes of the last 64-byte block that belong to the frame.
    static std::uint64_t lastBlockInside(std::size_t size) noexcept
    {
        return size % 64 ? (std::uint64_t(1) << (size % 64)) - 1 : ~std::uint64_t(0);
    }

    static bool markBlocks(const char *begin, std::size_t size, std::uint64_t *bits) noexcept
    {
        const std::size_t words = (size + 63) / 64;
        std::uint64_t bad = 0;
        for (std::size_t w = 0; w < words; ++w) {
            std::uint64_t quotes, special;
            block(begin + w * 64, quotes, special);
            if (w + 1 == words) { // the bytes after end are padding
                const std::uint64_t inside = lastBlockInside(size);
                quotes &= inside;
                special &= inside;
            }
            bits[w] = quotes;
            bad |= special;
        }
        return bad == 0;
    }

#if defined(__x86_64__) && !defined(__AVX512BW__)
    static bool hasAvx512() noexcept
    {
        static const bool has = __builtin_cpu_supports("avx512bw");
        return has;
    }

    [[gnu::target("avx512bw")]] static bool markBlocks512(const char *begin, std::size_t size, std::uint64_t *bits) noexcept
    {
        const std::size_t words = (size + 63) / 64;
        const __m512i quote = _mm512_set1_epi8('"');
        const __m512i backslash = _mm512_set1_epi8('\\');
        const __m512i space = _mm512_set1_epi8(' ');
        std::uint64_t bad = 0;
        for (std::size_t w = 0; w < words; ++w) {
            const __m512i v = _mm512_loadu_si512(begin + w * 64);
            // Signed compare: bytes >= 0x80 are negative, so below ' ' too.
            std::uint64_t quotes = _mm512_cmpeq_epi8_mask(v, quote);
            std::uint64_t special = _mm512_cmplt_epi8_mask(v, space) | _mm512_cmpeq_epi8_mask(v, backslash);
            if (w + 1 == words) {
                const std::uint64_t inside = lastBlockInside(size);
                quotes &= inside;
                special &= inside;
            }
            bits[w] = quotes;
            bad |= special;
        }
        return bad == 0;
    }
#endif

    static void block(const char *p, std::uint64_t &quotes, std::uint64_t &special) noexcept
    {
#if defined(__AVX2__)
        const __m256i quote = _mm256_set1_epi8('"');
        const __m256i backslash = _mm256_set1_epi8('\\');
        const __m256i space = _mm256_set1_epi8(' ');
        quotes = special = 0;
        for (int half = 0; half < 2; ++half) {
            const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 32 * half));
            // Signed compare: bytes >= 0x80 are negative, so below ' ' too.
            const __m256i odd = _mm256_or_si256(_mm256_cmpgt_epi8(space, v), _mm256_cmpeq_epi8(v, backslash));
            quotes |= std::uint64_t(std::uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote)))) << (32 * half);
            special |= std::uint64_t(std::uint32_t(_mm256_movemask_epi8(odd))) << (32 * half);
        }
#elif defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(' ');
        quotes = special = 0;
        for (int part = 0; part < 4; ++part) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * part));
            const __m128i odd = _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, backslash));
            quotes |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)))) << (16 * part);
            special |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(odd))) << (16 * part);
        }
#else
        quotes = special = 0;
        for (int i = 0; i < 64; ++i) {
            const unsigned char c = static_cast<unsigned char>(p[i]);
            quotes |= std::uint64_t(c == '"') << i;
            special |= std::uint64_t(c < 0x20 || c == '\\' || c >= 0x80) << i;
        }
#endif
    }
};

} // namespace polymon
