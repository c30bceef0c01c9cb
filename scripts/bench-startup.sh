#!/usr/bin/env bash
# Start-up of the reader on generated libraries of 100, 1,000 and 5,000 reports (50 quotes each):
# time to the first frame, to the first reports on screen (while the rest loads), to the library loaded, to the search index ready, and peak memory.
# Runs the release binary in tmux (120x40) with PODIUM_TIMING; 5 runs each, medians. Modes: --no-cache and
# --cache without watching (--no-watch), and --watch: the default (cache warm, files watched), whose last
# column is when the watcher had registered the library's folders.
# Usage: scripts/bench-startup.sh   (needs tmux)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux -L startup kill-server 2>/dev/null || true' EXIT
cargo build --release --quiet --bin podium --example generate
bin=$PWD/target/release/podium
printf '%-8s %10s %10s %12s %14s %12s %12s %10s %10s\n' reports disk mode first_frame first_reports loaded indexed peak_rss watching
# Parsed files are cached (see src/load/cache.rs): each size is measured with --no-cache (every file
# parsed, as on a first start) and with the cache warm (what every later start sees).
export XDG_CACHE_HOME="$work/cache"
for n in 100 1000 5000; do
  target/release/examples/generate "$work/lib$n" "$n" 50
  disk=$(du -sk "$work/lib$n" | cut -f1)
  "$bin" validate "$work/lib$n" > /dev/null 2>&1 || true  # fills the cache
  for mode in --no-cache --cache --watch; do
    flag=$([ "$mode" = --no-cache ] && echo --no-cache || true)
    watch=$([ "$mode" = --watch ] || echo --no-watch)
    rm -f "$work/runs$n"
    for run in 1 2 3 4 5; do
      rm -f "$work/t"
      tmux -L startup new-session -d -x 120 -y 40 "PODIUM_TIMING=$work/t exec $bin $watch $flag $work/lib$n"
      pid=$(tmux -L startup display -p '#{pane_pid}')
      for _ in $(seq 200); do grep -q indexed_ms "$work/t" 2>/dev/null && break; sleep 0.05; done
      hwm=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
      echo "$(cat "$work/t" | tr '\n' ' ') hwm $hwm" >> "$work/runs$n"
      tmux -L startup kill-server 2>/dev/null || true
      sleep 0.2
    done
    python3 - "$work/runs$n" "$n" "$disk" "$mode" <<'PY'
import sys, statistics
rows = [dict(zip(l.split()[0::2], map(float, l.split()[1::2]))) for l in open(sys.argv[1])]
med = lambda k: statistics.median(r[k] for r in rows)
first = statistics.median(r.get('first_reports_ms', r['loaded_ms']) for r in rows)
watching = f"{med('watching_ms'):>7.0f} ms" if all('watching_ms' in r for r in rows) else f"{'-':>10}"
print(f"{sys.argv[2]:<8} {int(sys.argv[3])//1024:>7} MB {sys.argv[4]:>10} {med('first_frame_ms'):>9.1f} ms {first:>11.0f} ms {med('loaded_ms'):>9.0f} ms {med('indexed_ms'):>9.0f} ms {med('hwm')/1024:>7.0f} MB {watching}")
PY
  done
done
