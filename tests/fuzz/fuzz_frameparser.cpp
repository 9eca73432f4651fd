// libFuzzer entry: any bytes as one frame, through the parser into books.
#include "book/bookstore.h"
#include "protocol/frameparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static polymon::FrameParser parser;
    static polymon::BookStore store;
    parser.parse(std::string_view(reinterpret_cast<const char *>(data), size), store);
    // Book invariants after whatever was applied.
    store.forEach([](const polymon::AssetBook &a) {
        polymon::Fixed total = 0;
        for (const auto &l : a.book.bids())
            total += l.size;
        if (total != a.book.bidDepth())
            __builtin_trap();
    });
    return 0;
}
