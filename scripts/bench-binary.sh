#!/usr/bin/env bash
# Binary size and start-up time (issue 8): the release binary built with the profile in Cargo.toml
# (fat LTO, one codegen unit, stripped) against the same code built with cargo's default release
# profile (thin local LTO, 16 codegen units, debug info stripped but symbols kept: what podium shipped
# before), with fzf and less as peers in the same hyperfine run; then loading a generated library of
# 1,000 reports with both and with a third build, fat LTO over 16 codegen units, which shows what the
# single codegen unit costs in throughput.
# Usage: scripts/bench-binary.sh   (needs hyperfine; fzf and less are timed if installed)
set -euo pipefail
cd "$(dirname "$0")/.."
unset PODIUM_CONTENT  # `podium list` reads ./content, the shipped report
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet --bin podium --example generate
new=target/release/podium
# The same code with other profile settings, each in its own target dir so that no build undoes another.
variant() {
  CARGO_PROFILE_RELEASE_LTO=$2 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=$3 CARGO_PROFILE_RELEASE_STRIP=$4 \
    cargo build --release --locked --quiet --bin podium --target-dir "target/profiles/$1"
}
variant default false 16 debuginfo
old=target/profiles/default/release/podium
variant fat-lto-16-units true 16 true
fat16=target/profiles/fat-lto-16-units/release/podium

peers=()
for p in fzf less; do
  command -v "$p" >/dev/null && peers+=("$p --version")
done

echo "== size (ls -l, bytes)"
for b in "$old" "$new" "$fat16" "${peers[@]%% *}"; do
  path=$b
  [ -f "$path" ] || path=$(command -v "$b")
  printf '%-50s %10s\n' "$b" "$(stat -L -c %s "$path")"
done

echo "== start-up (hyperfine -N --warmup 10, medians)"
cmds=()
for args in "--version" "list" "validate content/"; do
  cmds+=("$old $args" "$new $args")
done
hyperfine -N --warmup 10 --export-json "$work/h.json" "${cmds[@]}" "${peers[@]}" >/dev/null 2>"$work/err" \
  || { cat "$work/err" >&2; exit 1; }
python3 - "$work/h.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
peer = next((r["median"] for r in rows if r["command"].startswith("fzf")), None)
print(f"{'command':<64} {'median':>9} {'mean ± σ':>18} {'runs':>6}" + ("  vs fzf --version" if peer else ""))
for r in rows:
    line = f"{r['command']:<64} {r['median']*1000:7.2f} ms {r['mean']*1000:7.2f} ± {r['stddev']*1000:4.2f} ms {len(r['times']):>6}"
    if peer:
        line += f"  {r['median']/peer:6.2f}x"
    print(line)
PY

echo "== parsing 1,000 generated reports, --no-cache (hyperfine -N --warmup 3 --runs 30: median wall, mean user CPU)"
target/release/examples/generate "$work/lib" 1000 >/dev/null
hyperfine -N --warmup 3 --runs 30 --export-json "$work/l.json" \
  "$old validate --no-cache $work/lib" "$new validate --no-cache $work/lib" "$fat16 validate --no-cache $work/lib" \
  >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
python3 - "$work/l.json" "$work" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command'].replace(sys.argv[2] + '/', ''):<64} {r['median']*1000:7.1f} ms  user {r['user']*1000:6.1f} ms")
PY
