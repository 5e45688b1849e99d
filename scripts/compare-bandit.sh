#!/usr/bin/env bash
# Scans a folder (default: this machine's CPython standard library, without site-packages) with
# Bandit and with our CLI, and prints findings per thousand lines of code for both. Lines of code
# are Bandit's count (`metrics._totals.loc`), so both rates share one denominator.
# Usage: scripts/compare-bandit.sh [DIR] [OUT_DIR]   (needs `bandit` on PATH and `npm run build` done)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$(python3 -c 'import os; print(os.path.dirname(os.__file__))')}"
out="${2:-$(mktemp -d)}"
bandit -r "$dir" -x "$dir/site-packages,$dir/dist-packages" -f json -o "$out/bandit.json" -q || true
(cd "$dir" && node "$root/dist/cli.js" scan . --format json --exclude 'site-packages/**' 'dist-packages/**' -o "$out/psg.json" || true)
python3 - "$out" <<'PY'
import collections, json, sys
out = sys.argv[1]
bandit = json.load(open(f"{out}/bandit.json"))
ours = json.load(open(f"{out}/psg.json"))
kloc = bandit["metrics"]["_totals"]["loc"] / 1000
b = len(bandit["results"])
b_no_assert = sum(1 for r in bandit["results"] if r["test_id"] != "B101")
o = len(ours["findings"])
print(f"lines of code (Bandit's count): {kloc * 1000:.0f}; files scanned by us: {ours['filesScanned']}")
print(f"Bandit: {b} findings, {b / kloc:.2f} per KLOC ({b_no_assert / kloc:.2f} without B101 assert)")
print(f"ours:   {o} findings, {o / kloc:.2f} per KLOC")
print("ours by rule:", ", ".join(f"{k} {v}" for k, v in collections.Counter(f["ruleId"] for f in ours["findings"]).most_common()))
print("Bandit by test:", ", ".join(f"{k} {v}" for k, v in collections.Counter(r["test_id"] for r in bandit["results"]).most_common()))
print(f"reports in {out}")
PY
