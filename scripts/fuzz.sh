#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), with the limits that catch blow-ups, not just
# crashes: inputs up to 256 KiB, 2 GB of memory, 5 s per input. The corpus in fuzz/corpus/ grows as it
# runs from the one kept in fuzz/seeds/: hand-written seeds plus the inputs under 2 KB of a corpus
# minimised with libFuzzer's -merge=1 after hours of runs (~3,600 files, 350 KB; the whole corpus grows to
# tens of megabytes and is not committed). Crashes land in fuzz/artifacts/.
# cargo-fuzz needs nightly features: on a stable toolchain they are unlocked with RUSTC_BOOTSTRAP=1.
# Usage: scripts/fuzz.sh [SECONDS]     e.g. scripts/fuzz.sh 3600 for an hour per target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
export RUSTC_BOOTSTRAP=1
for target in loader import query render; do
  mkdir -p "fuzz/corpus/$target"
  # The render target reads report files too: it starts from the loader's seeds.
  seeds=fuzz/seeds/$target
  [ -d "$seeds" ] || seeds=fuzz/seeds/loader
  cp -n "$seeds"/* "fuzz/corpus/$target/" 2>/dev/null || true
  echo "== $target, ${seconds}s"
  cargo fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=2048 -timeout=5 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+== ERROR|SUMMARY)" || true
  if compgen -G "fuzz/artifacts/$target/crash-*" > /dev/null || compgen -G "fuzz/artifacts/$target/oom-*" > /dev/null || compgen -G "fuzz/artifacts/$target/timeout-*" > /dev/null; then
    echo "fuzz target $target found a failure: see fuzz/artifacts/$target" >&2
    exit 1
  fi
done
