#include "assetbook.h"

namespace polymon {

const char *syncStateName(SyncState state) noexcept
{
    switch (state) {
    case SyncState::AwaitingBook: return "awaiting book";
    case SyncState::Synced: return "synced";
    case SyncState::Unsynced: return "unsynced";
    }
    return "?";
}

} // namespace polymon
