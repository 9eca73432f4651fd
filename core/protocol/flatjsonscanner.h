#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace polymon {

// A strict reader for the shape nearly every market frame has: an object
// whose values are plain strings, or arrays of objects whose values are plain
// strings ("plain": printable ASCII, no backslash). It walks the bytes once,
// with no tape and no copies. On anything else (a number, a nested value, an
// escape, a non-ASCII byte, a syntax error) it stops and says so (failed());
// the caller then reads the frame with the general parser, which alone
// decides what is malformed and how. Inline: it is the replay's hot loop.
//
// The input must stay readable 16 bytes past end (frames are padded).
class FlatJsonScanner
{
public:
    FlatJsonScanner(const char *begin, const char *end) noexcept
        : m_p(begin)
        , m_end(end)
    {
    }

    bool failed() const noexcept { return m_failed; }

    // Enters the object or array that comes next.
    bool enterObject() noexcept { return open('{'); }
    bool enterArray() noexcept { return open('['); }

    // The next member of the innermost object entered: true with `key` at the
    // first byte of its (plain) name and the scanner before its value; false
    // at the object's end or on failure.
    bool nextMember(const char *&key) noexcept
    {
        if (!separator('}'))
            return false;
        if (!take('"'))
            return false;
        key = m_p;
        if (!plainString())
            return false;
        if (!take(':'))
            return false;
        return true;
    }

    // The next element of the innermost array entered: true before it, false
    // at the array's end or on failure.
    bool nextElement() noexcept { return separator(']'); }

    // A plain string value, without its quotes.
    bool string(std::string_view &out) noexcept
    {
        if (!take('"'))
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
        skipBlanks();
        return !m_failed && m_p == m_end;
    }

private:
    const char *m_p;
    const char *m_end;
    bool m_afterValue = false; // a value (or a container's end) was just read
    bool m_failed = false;

    bool fail() noexcept
    {
        m_failed = true;
        m_p = m_end;
        return false;
    }

    void skipBlanks() noexcept
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool take(char c) noexcept
    {
        skipBlanks();
        if (m_p == m_end || *m_p != c)
            return fail();
        ++m_p;
        return true;
    }

    bool open(char c) noexcept
    {
        if (!take(c))
            return false;
        m_afterValue = false;
        return true;
    }

    // Before the next member or element: after a value, a comma (true) or the
    // closing bracket (false, consumed); right after the opening bracket, the
    // closing bracket (an empty container) or the first item.
    bool separator(char close) noexcept
    {
        if (m_failed)
            return false;
        skipBlanks();
        if (m_p == m_end)
            return fail();
        if (*m_p == close) {
            ++m_p;
            m_afterValue = true;
            return false;
        }
        if (m_afterValue) {
            if (*m_p != ',')
                return fail();
            ++m_p;
            m_afterValue = false;
        }
        return true;
    }

    // From after an opening quote to after the closing one. Any byte that is
    // a backslash, a control character or not ASCII means "not plain".
    bool plainString() noexcept
    {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(' ');
        for (;;) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(m_p));
            // Signed compare: bytes >= 0x80 are negative, so below ' ' too.
            const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                                 _mm_cmplt_epi8(v, space));
            const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
            if (mask) {
                const char *at = m_p + __builtin_ctz(mask);
                if (at >= m_end || *at != '"')
                    return fail();
                m_p = at + 1;
                return true;
            }
            m_p += 16;
            if (m_p >= m_end)
                return fail();
        }
#else
        for (; m_p < m_end; ++m_p) {
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80)
                return fail();
        }
        return fail();
#endif
    }
};

} // namespace polymon
