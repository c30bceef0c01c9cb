#!/usr/bin/env bash
# `podium import` on generated texts of N paragraphs, each introducing a new speaker ("Name Surname, Role at
# Org, said …") and quoting them by surname (every surname is shared by two speakers, so half the quotes
# get a shared-surname check): N = 6,000, 24,000 and as many as fit in the 16 MiB default size limit.
# Wall time and peak memory of the release binary with `/usr/bin/time -f '%e s %M KB'`, median of RUNS
# runs (default 3); a run over TIMEOUT seconds (default 600) is killed and reported as such.
# N = html: a 5 MB web page of the same paragraphs (as <p> with entities, <strong> names and <sup> markers) among
# the usual boilerplate (scripts, navigation, cookie and newsletter boxes), read through the HTML path.
# `transcriptN` (e.g. transcript20000) times instead a real-time transcript of N `>> NAME:` turns by 200
# speakers who introduce themselves ("I'm Name, Role of Org."), turns apart by blank lines.
# Usage: scripts/bench-import.sh [N...]      e.g. scripts/bench-import.sh 6000 max html transcript20000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
timeout=${TIMEOUT:-600}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(6000 24000 max)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --locked --quiet --bin podium
bin=$PWD/target/release/podium

# Writes a transcript of N turns to $1 and prints N and the size.
generate_transcript() {
  python3 - "$1" "$2" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
firsts = ["Ana", "Bilal", "Chen", "Dina", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jun"]
def name(i):
    return f"{firsts[i % 10]} K" + "".join(chr(ord("a") + int(d)) for d in f"{i:03}")
text = "2015 11 13 11:00 A.M. WS 1 Scaling the import - Room 1\n\n" \
       "This is the output of the real-time captioning taken during the session.\n\n"
turns = []
for k in range(n):
    who = name(k % 200)
    words = f"I'm {who}, Director of the Open Data Institute." if k < 200 else \
        "We need rules that work for everyone, and we need them before the next election."
    turns.append(f">> {who.upper()}:  {words}  Turn {k}.\n\n")
text += "".join(turns)
open(out, "w").write(text)
print(n, len(text.encode()))
PY
}

# Writes the text of N paragraphs (N = max: the most that fit in 16 MiB) to $1 and prints N and the size.
generate() {
  python3 - "$1" "$2" <<'PY'
import sys
out, n = sys.argv[1], sys.argv[2]
limit = 16 * 1024 * 1024
html = n == "html"
if html:
    n, limit = "max", 5 * 1024 * 1024
syl = ["ka", "lo", "mi", "ra", "ve", "no", "si", "ta", "du", "ber", "gan", "lin", "mor", "pe", "zu", "ho",
       "re", "fa", "ni", "col", "wes", "tri", "bo", "da"]
def word(i, parts):
    s = ""
    for _ in range(parts):
        s += syl[i % len(syl)]
        i //= len(syl)
    return s.capitalize()
firsts = ["Ana", "Bilal", "Chen", "Dina", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jun", "Kemal", "Lena",
          "Marta", "Nadia", "Omar", "Priya", "Rosa", "Sami", "Tomas", "Yara"]
roles = ["Senior Policy Advisor", "Director", "Programme Manager", "Chief Executive Officer", "Research Fellow"]
orgs = ["Open Data Institute", "Internet Society", "Digital Rights Foundation", "Ministry of Communications",
        "Global Network Initiative"]
head = "Scaling the import\n\n10 Nov 2015 14:00h - 15:00h\n\nEvent report\n\n" \
       "The workshop brought together many speakers to discuss how reports grow.\n\n"
tail = "By Arsène Tungali\n"
if html:
    chrome = "<nav><ul>" + "<li><a href='/t'>Topic</a></li>" * 40 + "</ul></nav>" \
             "<div id='cookie-notice'><p>We use cookies.</p></div><script>" + "var a = 1 < 2;" * 200 + "</script>"
    head = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Scaling the import | Site</title>"
            "<style>p{margin:0}</style></head><body>" + chrome + "<main><article><h1>Scaling the import</h1>"
            "<p class='date'>10 Nov 2015 14:00h - 15:00h</p><p>Event report</p>"
            "<p>The workshop brought together many speakers to discuss how reports grow.</p>")
    tail = ("<p class='byline'>By Arsène Tungali</p></article></main><aside class='newsletter'><p>Subscribe</p>"
            "</aside><footer><p>&copy; Site</p></footer>" + chrome + "</body></html>\n")
paras = []
size = len((head + tail).encode())
i = 0
while True:
    if n != "max" and i == int(n):
        break
    # Every surname is shared by two speakers with different first names.
    name = f"{firsts[i % len(firsts)]} {word(i // 2, 4)}"
    surname = name.split()[1]
    p = (f"{name}, {roles[i % len(roles)]} at the {orgs[i % len(orgs)]}, said that access to data "
         f"mattered for case {i}. “We need rules that work for everyone,” said {surname}.\n\n")
    if html:
        p = (f"<p><strong>{name}</strong>, {roles[i % len(roles)]} at the {orgs[i % len(orgs)]}, said that access "
             f"to data mattered for case {i}.<sup>{i % 9 + 1}</sup> &ldquo;We need rules that work for "
             f"everyone,&rdquo; said {surname}.</p>\n")
    if n == "max" and size + len(p.encode()) > limit:
        break
    size += len(p.encode())
    paras.append(p)
    i += 1
with open(out, "w") as f:
    f.write(head + "".join(paras) + tail)
print(i, size)
PY
}

printf '%-10s %10s %12s %12s %10s\n' paragraphs size median peak_rss speakers
for n in "${sizes[@]}"; do
  if [[ $n == transcript* ]]; then
    read -r count bytes < <(generate_transcript "$work/in.txt" "${n#transcript}")
  else
    read -r count bytes < <(generate "$work/in.txt" "$n")
  fi
  rm -f "$work/times"
  for _ in $(seq "$runs"); do
    if timeout "$timeout" /usr/bin/time -o "$work/t" -f '%e s %M KB' "$bin" import "$work/in.txt" \
        -o "$work/out.yaml" --force 2> "$work/err"; then
      cat "$work/t" >> "$work/times"
    else
      echo "killed after ${timeout} s" >> "$work/times"
    fi
  done
  speakers=$(grep -o '[0-9]* speakers' "$work/err" | cut -d' ' -f1 || true)
  python3 - "$work/times" "$count" "$bytes" "${speakers:-?}" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
done = [r for r in rows if r[0] != "killed"]
if len(done) < len(rows):
    print(f"{int(sys.argv[2]):<10} {int(sys.argv[3]) / 2**20:>7.2f} MB {' '.join(rows[-1]):>25}")
else:
    t = statistics.median(float(r[0]) for r in done)
    m = statistics.median(int(r[2]) for r in done)
    print(f"{int(sys.argv[2]):<10} {int(sys.argv[3]) / 2**20:>7.2f} MB {t:>10.2f} s {m / 1024:>9.0f} MB {sys.argv[4]:>10}")
PY
done
