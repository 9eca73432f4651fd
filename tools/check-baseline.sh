#!/usr/bin/env bash
# `make check-baseline`: the packaged polymon-cli (baseline x86-64, no -march)
# on an emulated Nehalem (2008: SSE4.2, no AVX, no PCLMUL) must run and give
# exactly the tops and signals of the developer build. Any instruction the old
# CPU lacks would stop it with SIGILL.
# usage: tools/check-baseline.sh DEV_BUILD_DIR PACKAGE_BUILD_DIR
set -euo pipefail
native="$1/app/polymon-cli"
packaged="$2/app/polymon-cli"
cpu=${QEMU_CPU_MODEL:-Nehalem}
# polymon-cli runs a plain replay itself and execs polymon-cli-full for the
# rest; an exec under qemu-user would run natively, so the full program is
# emulated by name.
old() {
  if [ "$1" = replay ] && [ "${3:-}" = --emit ] && [ "${4:-}" = signals ]; then
    qemu-x86_64 -cpu "$cpu" "$packaged-full" "$@"
  else
    qemu-x86_64 -cpu "$cpu" "$packaged" "$@"
  fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for program in "$packaged" "$packaged-full"; do
  if objdump -d "$program" | grep -qE '\b(vpcmpeqb|vpshufb|vmovdqu|vpand|vpor)\b.*%ymm'; then
    echo "check-baseline: the packaged $(basename "$program") itself holds AVX2 code" >&2
    exit 1
  fi
done
qemu-x86_64 -cpu "$cpu" "$packaged-full" --version
# A recorded session from the simulator (two simulated hours, signals included).
"$native" backtest --sim --seed 7 --hours 2 --record "$tmp/session.jsonl" > /dev/null
for emit in tops signals; do
  "$native" replay "$tmp/session.jsonl" --emit "$emit" > "$tmp/native-$emit.txt"
  old replay "$tmp/session.jsonl" --emit "$emit" > "$tmp/old-$emit.txt"
  if ! cmp -s "$tmp/native-$emit.txt" "$tmp/old-$emit.txt"; then
    echo "check-baseline: --emit $emit differs between the developer build and the package on $cpu" >&2
    diff "$tmp/native-$emit.txt" "$tmp/old-$emit.txt" | head -5 >&2
    exit 1
  fi
  echo "check-baseline: --emit $emit: $(wc -l < "$tmp/old-$emit.txt") lines identical on $cpu"
done
