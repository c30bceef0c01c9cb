#!/usr/bin/env bash
# The stored search index (issue 18) on a generated library (default: 100,000 quotes in 2,000 reports;
# `scripts/bench-index.sh 20000 50` makes the million-quote one, 382 MB of YAML):
#   1. `podium index`: first build (parse cache cold, then warm), the check of an up-to-date index, and
#      its size on disk against the YAML's;
#   2. per query class of the issue, `podium search QUERY LIB --limit 20` answering from the stored index
#      against `fzf --filter` on the same quotes, one per line (medians of RUNS runs, same hyperfine call),
#      the peak memory of one podium run, and (libraries up to 5,000 reports) the same search scanning
#      every report with the parse cache warm and no stored index.
# Usage: scripts/bench-index.sh [REPORTS QUOTES_PER_REPORT RUNS]   (needs hyperfine and fzf)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
reports=${1:-2000}
per=${2:-50}
runs=${3:-10}
cargo build --release --locked --quiet --bin podium --example generate
bin=$PWD/target/release/podium
target/release/examples/generate "$work/lib" "$reports" "$per" > /dev/null
yaml=$(du -sb "$work/lib" | cut -f1)
echo "library: $yaml bytes of YAML in $reports files; $(wc -l < "$work/lib.quotes.txt") quotes"
export XDG_CACHE_HOME="$work/indexed" XDG_CONFIG_HOME=/nonexistent-podium-config PODIUM_BACKGROUND_INDEX=0
echo "== podium index: first build (parse cache cold), again after removing it (cache warm), check"
/usr/bin/time -f "%e s, peak %M KiB" "$bin" index "$work/lib"
rm -rf "$work/indexed/podium/index"
/usr/bin/time -f "%e s, peak %M KiB" "$bin" index "$work/lib"
/usr/bin/time -f "%e s, peak %M KiB" "$bin" index "$work/lib" --check
idx=$(du -cb "$work"/indexed/podium/index/*.idx | tail -1 | cut -f1)
python3 -c "print(f'index on disk: {$idx} bytes = {$idx/$yaml:.3f}x the YAML')"
scan=$(( reports <= 5000 ))
if (( scan )); then
  cp -r "$work/indexed" "$work/scan"
  rm -rf "$work/scan/podium/index"
fi
echo "== podium search --limit 20 from the stored index / fzf --filter$( ((scan)) && echo ' / scanning'), medians of $runs"
printf '%-22s %-24s %9s %9s %9s %10s %9s\n' class query index fzf ratio "peak MB" scan
# class|podium query|fzf query (fzf has no field filters: the same words without the field)
while IFS='|' read -r class q fq; do
  /usr/bin/time -f "%M" -o "$work/mem" "$bin" search "$q" "$work/lib" --limit 20 > /dev/null 2>&1 || true
  qq=$(printf %q "$q")
  fqq=$(printf %q "$fq")
  cmds=("$bin search $qq $work/lib --limit 20 > /dev/null" "fzf --filter $fqq < $work/lib.quotes.txt > /dev/null")
  if (( scan )); then
    cmds+=("XDG_CACHE_HOME=$work/scan $bin search $qq $work/lib --limit 20 > /dev/null")
  fi
  hyperfine -w 2 -r "$runs" -i --export-json "$work/h.json" "${cmds[@]}" > /dev/null 2>&1 || true
  python3 - "$work/h.json" "$class" "$q" "$(tail -1 "$work/mem")" <<'PY'
import json, sys
r = [x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]]
scan = f"{r[2]:6.0f} ms" if len(r) > 2 else ""
print(f"{sys.argv[2]:<22} {sys.argv[3]:<24} {r[0]:6.1f} ms {r[1]:6.0f} ms {r[0]/r[1]:8.3f}x {int(sys.argv[4])/1024:9.0f} {scan}")
PY
done <<'QUERIES'
common word|governance|governance
common, across words|internet|internet
rare word|indonesia|indonesia
no hit|xqzv|xqzv
two words|online protection|online protection
exact phrase|'child abuse|'child abuse
field filter|speaker:carr privacy|carr privacy
typo|teachres|teachres
QUERIES
