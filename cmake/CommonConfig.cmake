# One INTERFACE target carries the language level, strict Qt defines and
# warnings; every polymon target links it.
add_library(polymon_common INTERFACE)
target_compile_features(polymon_common INTERFACE cxx_std_20)
target_compile_definitions(polymon_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS)
target_compile_options(polymon_common INTERFACE
    -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wold-style-cast)

# simdjson On-Demand picks its kernel at compile time; without AVX2 it falls
# back to a scalar parser several times slower. x86-64-v3 (Haswell, 2013+) is
# the baseline; set POLYMON_MARCH="" for older CPUs.
set(POLYMON_MARCH "x86-64-v3" CACHE STRING "-march value for all polymon code (empty: compiler default)")
if(POLYMON_MARCH AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  # x86-64-v3 lacks PCLMUL, which simdjson needs for its Haswell kernel.
  target_compile_options(polymon_common INTERFACE -march=${POLYMON_MARCH} -mpclmul)
endif()
