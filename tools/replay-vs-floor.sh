#!/usr/bin/env bash
# Whole-process replay throughput against the floor (a bare simdjson
# On-Demand pass over the same file, tests/bench/bench_floor.cpp), run
# alternately, best of RUNS each. usage: tools/replay-vs-floor.sh BUILD FILE [RUNS]
set -euo pipefail
build=$1
file=$2
runs=${3:-7}
entries=$("$build/app/polymon-cli" replay "$file" --emit none 2>&1 | sed -n 's/.*entries_applied=\([0-9]*\).*/\1/p')
best_replay=999999
best_floor=999999
best_read=999999
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
for _ in $(seq "$runs"); do
  r=$(ms "$build/app/polymon-cli" replay "$file" --emit none)
  f=$(ms "$build/tests/bench/bench_floor" "$file")
  d=$(ms "$build/tests/bench/bench_floor" --read "$file")
  ((r < best_replay)) && best_replay=$r
  ((f < best_floor)) && best_floor=$f
  ((d < best_read)) && best_read=$d
done
awk -v n="$entries" -v r="$best_replay" -v f="$best_floor" -v d="$best_read" 'BEGIN {
  printf "| replay, whole process (`polymon-cli replay FILE --emit none`) | %.2f M entries/s | %d entries in %d ms |\n", n / r / 1000, n, r
  printf "| floor: bare simdjson On-Demand pass (`bench_floor FILE`) | %.2f M entries/s | %d ms |\n", n / f / 1000, f
  printf "| replay / floor | **%.0f %%** | target >= 70 %% |\n", 100 * f / r
  printf "| the same pass, file read with simdjson'"'"'s padded_string::load (`bench_floor --read FILE`) | %.2f M entries/s | %d ms; replay / this: %.0f %% |\n", n / d / 1000, d, 100 * d / r
}'
