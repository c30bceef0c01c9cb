#!/usr/bin/env bash
# Search speed and memory on a generated library of 100,000 quotes in 2,000 reports:
#   1. per-keystroke latency and complete ranking (benches/search.rs),
#   2. `podium search` end to end against `fzf --filter` on the same quotes, one per line,
#   3. peak memory of the reader with that library, against its size on disk.
# Usage: scripts/bench-search.sh [keys] [fzf] [memory]   (default: all three; needs hyperfine, fzf and tmux)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux -L bench kill-server 2>/dev/null || true' EXIT
cargo build --release --quiet --bin podium --example generate
bin=$PWD/target/release/podium
target/release/examples/generate "$work/lib" 2000 50
echo "library: $(du -sb "$work/lib" | cut -f1) bytes on disk; $(wc -l < "$work/lib.quotes.txt") quotes"

parts=${*:-keys fzf memory}
export XDG_CACHE_HOME="$work/cache"

if [[ $parts == *keys* ]]; then
echo "== 1. keystrokes"
PODIUM_BENCH_LIBRARY="$work/lib" cargo bench --quiet --bench search 2>/dev/null | grep -v '^$'
fi

if [[ $parts == *fzf* ]]; then
echo "== 2. podium search (parse cache warm, and --no-cache) vs fzf --filter (medians of 10 runs, same run)"
printf '%-26s %12s %14s %12s %8s %8s\n' query podium no-cache fzf ratio ratio-nc
for q in "chld" "onlin prot" "multistakeholder" "abuse imag" "indonesia" "xqz" "a" "co" "civil society teachers" "Arsène"; do
  hyperfine -w 1 -r 10 -i --export-json "$work/h.json" \
    "$bin search '$q' $work/lib --limit 50 > /dev/null" \
    "$bin search '$q' $work/lib --limit 50 --no-cache > /dev/null" \
    "fzf --filter '$q' < $work/lib.quotes.txt > /dev/null" >/dev/null 2>&1 || true
  python3 - "$work/h.json" "$q" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
p, n, f = r[0]["median"], r[1]["median"], r[2]["median"]
print(f"{sys.argv[2]:<26} {p*1000:9.0f} ms {n*1000:11.0f} ms {f*1000:9.0f} ms {p/f:7.2f}x {n/f:7.2f}x")
PY
done
fi

[[ $parts == *memory* ]] || exit 0
echo "== 3. reader peak memory"
tmux -L bench new-session -d -x 120 -y 40 "exec $bin $work/lib"
sleep 5
tmux -L bench send-keys "/" ; sleep 0.3; tmux -L bench send-keys "children online protection"; sleep 2
pid=$(tmux -L bench display -p '#{pane_pid}')
hwm=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
disk=$(du -sk "$work/lib" | cut -f1)
echo "reader VmHWM ${hwm} KiB; library ${disk} KiB on disk; ratio $(python3 -c "print(round($hwm/$disk, 2))")x"
