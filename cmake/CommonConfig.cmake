# One INTERFACE target carries the language level, strict Qt defines and
# warnings; every polymon target links it.
add_library(polymon_common INTERFACE)
target_compile_features(polymon_common INTERFACE cxx_std_20)
target_compile_definitions(polymon_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060000) # nothing Qt 6.0 already deprecated
target_compile_options(polymon_common INTERFACE
    -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wold-style-cast)

# simdjson finds structure with the kernel the CPU supports at run time (the
# library dispatches), but its On-Demand walk is compiled into our code for
# whatever -march we give. Packages use the x86-64 baseline and run anywhere
# (`make package`, checked on an emulated Nehalem by `make check-baseline`);
# developer builds default to x86-64-v3 (Haswell, 2013+) only when the
# building machine has it, so a build always runs where it was made.
set(_polymon_default_march "")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64" AND EXISTS /proc/cpuinfo)
  file(READ /proc/cpuinfo _polymon_cpuinfo LIMIT 8192)
  set(_polymon_v3 TRUE)
  foreach(_flag avx2 bmi2 fma movbe f16c pclmulqdq)
    if(NOT _polymon_cpuinfo MATCHES "[ \t]${_flag}[ \n]")
      set(_polymon_v3 FALSE)
    endif()
  endforeach()
  if(_polymon_v3)
    set(_polymon_default_march "x86-64-v3")
  endif()
endif()
set(POLYMON_MARCH "${_polymon_default_march}" CACHE STRING "-march for all polymon code (empty: the compiler's baseline)")
if(POLYMON_MARCH AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  # x86-64-v3 lacks PCLMUL, which simdjson needs for its Haswell kernel.
  target_compile_options(polymon_common INTERFACE -march=${POLYMON_MARCH} -mpclmul)
endif()
message(STATUS "polymon: -march=${POLYMON_MARCH} (empty: baseline x86-64)")
