#pragma once

#include <type_traits>
#include <utility>

namespace polymon {

// Calls a visitor that may return bool (false: stop visiting) or nothing
// (visit everything); true when the visit goes on.
template<typename Fn, typename... Args>
bool invokeContinues(Fn &fn, Args &&...args)
{
    if constexpr (std::is_void_v<std::invoke_result_t<Fn &, Args...>>) {
        fn(std::forward<Args>(args)...);
        return true;
    } else {
        return bool(fn(std::forward<Args>(args)...));
    }
}

} // namespace polymon
