#!/usr/bin/env bash
# Search speed and memory on a generated library of 100,000 quotes in 2,000 reports:
#   1. per-keystroke latency and complete ranking (benches/search.rs),
#   2. `podium search` end to end against `fzf --filter` on the same quotes, one per line,
#   3. peak memory of the reader with that library, against its size on disk.
# Usage: scripts/bench-search.sh   (needs hyperfine, fzf and tmux)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux -L bench kill-server 2>/dev/null || true' EXIT
cargo build --release --quiet --bin podium --example generate
bin=$PWD/target/release/podium
target/release/examples/generate "$work/lib" 2000 50
echo "library: $(du -sb "$work/lib" | cut -f1) bytes on disk; $(wc -l < "$work/lib.quotes.txt") quotes"

echo "== 1. keystrokes"
PODIUM_BENCH_LIBRARY="$work/lib" cargo bench --quiet --bench search 2>/dev/null | grep -v '^$'

echo "== 2. podium search vs fzf --filter (median of 10 runs each, same run)"
printf '%-26s %12s %12s %8s\n' query podium fzf ratio
for q in "chld" "onlin prot" "multistakeholder" "abuse imag" "indonesia" "xqz" "a" "co" "civil society teachers" "Arsène"; do
  hyperfine -w 1 -r 10 -i --export-json "$work/h.json" \
    "$bin search '$q' $work/lib --limit 50 > /dev/null" \
    "fzf --filter '$q' < $work/lib.quotes.txt > /dev/null" >/dev/null 2>&1 || true
  python3 - "$work/h.json" "$q" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
p, f = r[0]["median"], r[1]["median"]
print(f"{sys.argv[2]:<26} {p*1000:9.0f} ms {f*1000:9.0f} ms {p/f:7.2f}x")
PY
done

echo "== 3. reader peak memory"
tmux -L bench new-session -d -x 120 -y 40 "exec $bin $work/lib"
sleep 5
tmux -L bench send-keys "/" ; sleep 0.3; tmux -L bench send-keys "children online protection"; sleep 2
pid=$(tmux -L bench display -p '#{pane_pid}')
hwm=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
disk=$(du -sk "$work/lib" | cut -f1)
echo "reader VmHWM ${hwm} KiB; library ${disk} KiB on disk; ratio $(python3 -c "print(round($hwm/$disk, 2))")x"
