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
    // The store's books as of the checkpoint: each synced book there is
    // applied as a `book` event (listeners see its top; a store that tracks
    // only its subscriptions skips the others), every other book the store
    // held waits for its next `book`. False when the payload is malformed;
    // the store is then left as it was.
    static bool restore(std::string_view payload, BookStore &books);
};

} // namespace polymon
