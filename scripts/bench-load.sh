#!/usr/bin/env bash
# Load throughput and hostile-input cost of `podium validate`.
# Usage: scripts/bench-load.sh [REPORTS]   (default 1000; needs hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin podium --example generate
bin=target/release/podium
target/release/examples/generate "$work/lib" "$n"
bytes=$(du -sb "$work/lib" | cut -f1)
echo "library: $n reports, $bytes bytes"
# Parsing (--no-cache, as on a first run) and with the parse cache warm (every later run), apart.
export XDG_CACHE_HOME="$work/cache"
for mode in --no-cache --cache; do
  flag=$([ "$mode" = --no-cache ] && echo --no-cache || true)
  hyperfine -N -w 2 -r 15 --export-json "$work/h.json" "$bin validate $flag $work/lib" >/dev/null 2>&1
  python3 - "$work/h.json" "$bytes" "$n" "$mode" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
med, b, n = r["median"], int(sys.argv[2]), int(sys.argv[3])
print(f"validate {sys.argv[4]}: median {med*1000:.1f} ms  ->  {b/med/1e6:.1f} MB/s, {n/med:,.0f} reports/s")
PY
  /usr/bin/time -f "validate $mode peak RSS: %M KiB" "$bin" validate $flag "$work/lib" 2>&1 >/dev/null | tail -1
done

# Hostile inputs: each must fail fast with a clear message and little memory.
python3 - "$work" <<'PY'
import sys, os
w = sys.argv[1]
anchor = "x" * 100_000
with open(f"{w}/alias-bomb.yaml", "w") as f:
    f.write(f"title: bomb\ndate: 2015-11-10\ntags:\n  - &a \"{anchor}\"\n" + "  - *a\n" * 20_000)
with open(f"{w}/deep-nesting.yaml", "w") as f:
    f.write("title: deep\ndate: 2015-11-10\ntags: " + "[" * 100_000)
with open(f"{w}/one-line-50mb.yaml", "w") as f:
    f.write("x" * (50 << 20))
PY
for f in alias-bomb deep-nesting one-line-50mb; do
  size=$(stat -c %s "$work/$f.yaml")
  /usr/bin/time -f "$f ($size bytes): %e s, peak RSS %M KiB" "$bin" validate "$work/$f.yaml" 2>&1 >/dev/null | sed "s|$work/||" || true
done
