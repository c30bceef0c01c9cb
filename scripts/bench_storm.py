"""Driver of scripts/bench-storm.sh: see there."""
import glob, os, re, shutil, statistics, subprocess, sys, time

work, podium, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
lib, new = f"{work}/lib", f"{work}/new"
sock = f"{work}/sock"


def tmux(*args):
    return subprocess.run(["tmux", "-S", sock, "-f", "/dev/null", *args], capture_output=True, text=True).stdout


def status():
    lines = tmux("capture-pane", "-p", "-t", "b").rstrip("\n").split("\n")
    return lines[-1] if lines else ""


def reports():
    m = re.search(r"Report (\d+)/(\d+)", status())
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def settle(start, done, quiet=2.0, limit=300.0):
    """Seconds from start until done() holds and the status line then stays the same for `quiet` s."""
    last_line, last_change = None, time.monotonic()
    while time.monotonic() - start < limit:
        line = status()
        now = time.monotonic()
        if line != last_line:
            last_line, last_change = line, now
        elif done() and now - last_change >= quiet:
            return last_change - start
        time.sleep(0.02)
    return float("inf")


def key_latency(expect_report):
    """Presses j and returns the seconds until the selection shows it."""
    t = time.monotonic()
    tmux("send-keys", "-t", "b", "j")
    while reports()[0] != expect_report:
        if time.monotonic() - t > 300:
            return float("inf")
        time.sleep(0.005)
    return time.monotonic() - t


new_files = sorted(glob.glob(f"{new}/*/*.yaml"))
env = f"env XDG_CACHE_HOME={work}/cache XDG_CONFIG_HOME={work}/config TERM=xterm-256color"
results = {}
for run in range(runs):
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "b", "-x", "120", "-y", "40", f"{env} {podium} {lib}")
    start = time.monotonic()
    while reports()[1] != 1000:
        time.sleep(0.02)
        if time.monotonic() - start > 60:
            sys.exit("the reader did not show the library")
    time.sleep(1.5)
    selected = 1
    for n in (125, 500, 1000, 2000):
        inbox = f"{lib}/inbox-{n}"
        os.makedirs(inbox)
        t = time.monotonic()
        for i, f in enumerate(new_files[:n]):
            shutil.copyfile(f, f"{inbox}/new-{i:05}.yaml")
        written = time.monotonic() - t
        selected += 1
        lat = key_latency(selected)
        s = settle(t, lambda: reports()[1] == 1000 + n)
        results.setdefault(f"copy in {n} files", []).append((s, written, lat))
        t = time.monotonic()
        shutil.rmtree(inbox)
        written = time.monotonic() - t
        s = settle(t, lambda: reports()[1] == 1000)
        results.setdefault(f"remove {n} files (a folder)", []).append((s, written, float("nan")))
        selected = reports()[0]
    # Every file rewritten in place, as git checkout does.
    t = time.monotonic()
    subprocess.run(f"sed -i 's/^kind: Workshop$/kind: Panel/' {lib}/*/*.yaml", shell=True, check=True)
    written = time.monotonic() - t
    selected += 1
    lat = key_latency(min(selected, 1000))
    s = settle(t, lambda: reports()[1] == 1000)
    results.setdefault("sed -i over all 1,000 files", []).append((s, written, lat))
    subprocess.run(f"sed -i 's/^kind: Panel$/kind: Workshop/' {lib}/*/*.yaml", shell=True, check=True)
    time.sleep(3)
    tmux("send-keys", "-t", "b", "q")

print(f"| storm | writing took (s) | settled, from the first write (s) | from the last write (s) | `j` pressed during it (ms) |")
print("|---|---|---|---|---|")
for name, vals in results.items():
    s = statistics.median(v[0] for v in vals)
    w = statistics.median(v[1] for v in vals)
    after = statistics.median(v[0] - v[1] for v in vals)
    lats = [v[2] for v in vals if v[2] == v[2]]
    lat = f"{statistics.median(lats) * 1000:.0f}" if lats else "-"
    print(f"| {name} | {w:.2f} | {s:.2f} | {after:.2f} | {lat} |")
