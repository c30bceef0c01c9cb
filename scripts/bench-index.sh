#!/usr/bin/env bash
# The stored search index (issue 18, first part) on a generated library of 100,000 quotes in 2,000 reports:
#   1. `podium index`: first build, then the check of an up-to-date index (time and size on disk),
#   2. `podium search` answering from the stored index, against the same search scanning every report
#      (parse cache warm, no stored index) and `fzf --filter` on the same quotes, one per line: medians of
#      10 runs, all in the same run.
# Usage: scripts/bench-index.sh [REPORTS QUOTES_PER_REPORT]   (default 2000 50; needs hyperfine and fzf)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
reports=${1:-2000}
per=${2:-50}
cargo build --release --quiet --bin podium --example generate
bin=$PWD/target/release/podium
target/release/examples/generate "$work/lib" "$reports" "$per"
echo "library: $(du -sb "$work/lib" | cut -f1) bytes of YAML; $(wc -l < "$work/lib.quotes.txt") quotes"
# Two caches, both with the parsed files: one with the index, one without.
export XDG_CACHE_HOME="$work/indexed"
"$bin" validate "$work/lib" > /dev/null 2>&1 || true
echo "== podium index (first build, then check)"
/usr/bin/time -f "%e s, peak %M KiB" "$bin" index "$work/lib"
/usr/bin/time -f "%e s, peak %M KiB" "$bin" index "$work/lib" --check
cp -r "$work/indexed" "$work/scan"
rm -rf "$work/scan/podium/index"
echo "== podium search from the stored index / scanning (parse cache warm) / fzf --filter, medians of 10"
printf '%-28s %10s %10s %10s %9s %9s\n' query index scan fzf index/fzf scan/fzf
for q in "chld" "onlin prot" "multistakeholder" "abuse imag" "indonesia" "xqz" "a" "co" "civil society teachers" "Arsène" "privilege moderate session" "carr | shita" "saopaulo" "teachres"; do
  hyperfine -w 1 -r 10 -i --export-json "$work/h.json" \
    "XDG_CACHE_HOME=$work/indexed $bin search '$q' $work/lib --limit 50 > /dev/null" \
    "XDG_CACHE_HOME=$work/scan $bin search '$q' $work/lib --limit 50 > /dev/null" \
    "fzf --filter '$q' < $work/lib.quotes.txt > /dev/null" >/dev/null 2>&1 || true
  python3 - "$work/h.json" "$q" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
i, s, f = (x["median"] for x in r)
print(f"{sys.argv[2]:<28} {i*1000:7.0f} ms {s*1000:7.0f} ms {f*1000:7.0f} ms {i/f:8.2f}x {s/f:8.2f}x")
PY
done
