#!/usr/bin/env bash
# The detector on the independent flow model over several seeds, summed:
# recall >= 2x, precision and false alarms per calm asset-hour per type.
# usage: tools/evaluate-seeds.sh BUILD_DIR "SEEDS" [SETTINGS...]
# Tune on the tuning seeds (101 to 110) only; the reporting seeds (201-210)
# are for BENCHMARKS.md.
set -euo pipefail
build=$1
seeds=$2
shift 2
for s in $seeds; do
  "$build/app/polymon-cli" evaluate --seed "$s" --hours 6 --markets 10 --json "$@"
done | python3 -c '
import json, sys
tot = {}
hours = 0.0
for line in sys.stdin:
    d = json.loads(line)
    hours += d["calm_asset_hours"]
    for t, v in d["types"].items():
        a = tot.setdefault(t, {"ep2": 0, "det2": 0, "sig": 0, "tp": 0, "fa": 0.0})
        curve = v["recall_by_magnitude"]
        for c in curve[1:]:
            a["ep2"] += c["episodes"]
            a["det2"] += round(c["recall"] * c["episodes"])
        a["sig"] += v["signals"]
        a["tp"] += round(v["precision"] * v["signals"])
        a["fa"] += v["false_alarms_per_asset_hour"] * d["calm_asset_hours"]
for t, a in tot.items():
    print("%-17s recall>=2x %.2f  precision %.2f (%d)  FA/h %.3f" % (t, a["det2"] / max(1, a["ep2"]), a["tp"] / max(1, a["sig"]), a["sig"], a["fa"] / max(1e-9, hours)))
'
