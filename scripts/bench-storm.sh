#!/usr/bin/env bash
# Live reload under change storms: a 1,000-report library open in the reader
# (tmux, 120×40), then N new files copied in, every file rewritten in place
# (as `git checkout` does), and the new files removed. For each storm: the
# settle time (from the first write until the screen shows the final state and
# stays so), and how long a key pressed during the storm takes to show.
# Usage: scripts/bench-storm.sh [RUNS]   (default 3; medians printed; needs tmux)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'tmux -S "$work/sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release --quiet --bin podium --example generate
target/release/examples/generate "$work/lib" 1000 10 >/dev/null
target/release/examples/generate "$work/new" 2000 10 7 >/dev/null
python3 scripts/bench_storm.py "$work" "$PWD/target/release/podium" "$runs"
