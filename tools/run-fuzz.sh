#!/usr/bin/env bash
# Coverage-guided fuzzing of the frame parser and book store with libFuzzer.
# usage: tools/run-fuzz.sh [SECONDS]   (default 300). Corpus: the conformance
# fixtures plus simulator frames; crashes land in build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
command -v clang++ >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -q clang libclang-rt-dev; }
cmake -S . -B build-fuzz -DPOLYMON_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined" >/dev/null
cmake --build build-fuzz --target fuzz_frameparser -j "$(nproc)"
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/crashes
for f in ../shared/conformance/polymarket/ws/*.json; do cp "$f" "$corpus/"; done
split -l 1 ../shared/conformance/polymarket/pybot-test/ws_capture_1778204225.jsonl "$corpus/capture-"
build-fuzz/tests/fuzz/fuzz_frameparser -max_total_time="$seconds" -max_len=16384 \
  -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 "$corpus" 2>&1 | tail -25
