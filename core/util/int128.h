#pragma once

namespace polymon {

// 128-bit integers for exact money products (price x size x rate) before
// they are rounded once to millionths. A GCC/Clang extension: __extension__
// keeps -Wpedantic quiet about it.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

} // namespace polymon
