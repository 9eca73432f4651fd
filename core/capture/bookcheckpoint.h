#pragma once

#include <string>
#include <string_view>

namespace polymon {

class BookStore;

// Every book of a BookStore at one moment, as a capture checkpoint's payload
// (docs/capture.md): a seek restores these and replays the frames after it.
class BookCheckpoint final
{
public:
    static std::string encode(const BookStore &books);
    // Replaces the store's books with the checkpoint's (a synced book is
    // applied as a `book` event, so listeners see its top). False when the
    // payload is malformed; the store is then left as it was.
    static bool restore(std::string_view payload, BookStore &books);
};

} // namespace polymon
