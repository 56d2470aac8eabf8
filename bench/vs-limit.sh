#!/usr/bin/env bash
# Shared by the *-vs-limit.sh benchmarks (sourced, not run): builds the
# limit server (../shared/bench/limits, into a target folder of its own
# outside shared/) and Samvirke's release binary, starts and stops
# servers, runs wrk and prints a side-by-side table with the median ratio.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LIMITS_SRC=${LIMITS_SRC:-$(cd .. && pwd)/shared/bench/limits}
LIMITS_TARGET=${LIMITS_TARGET:-$HOME/.cache/limits-target}
LIMITS=$LIMITS_TARGET/release/limits
SAMVIRKE_TARGET=${CARGO_TARGET_DIR:-target}
BIN=${SAMVIRKE_BIN:-$SAMVIRKE_TARGET/release/samvirke}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
WORK=$(mktemp -d)
SERVER_PIDS=()
stop_servers() {
  for p in "${SERVER_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${SERVER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  SERVER_PIDS=()
}
trap 'stop_servers; rm -rf "$WORK"' EXIT

build() {
  if [ -z "${NO_BUILD:-}" ]; then
    echo "building the limit server and Samvirke (release)…" >&2
    CARGO_TARGET_DIR=$LIMITS_TARGET cargo build --quiet --release --manifest-path "$LIMITS_SRC/Cargo.toml"
    [ -n "${SAMVIRKE_BIN:-}" ] || cargo build --quiet --release -p samvirke
  fi
}

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "binary: $BIN ($(cd "$(dirname "$BIN")" && git -C "$OLDPWD" rev-parse --short HEAD 2>/dev/null || true))"
}

wait_http() { # url
  for _ in $(seq 400); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1
}

# wrk against URL (extra args before it); prints "req/s p50ms p99ms non2xx".
load() {
  local out=$WORK/wrk.txt
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out" 2>&1
  awk '
    /Requests\/sec/ {r=$2}
    / 50%/ {p50=$2} / 99%/ {p99=$2}
    /Non-2xx/ {bad=$5}
    function ms(x) { if (x ~ /us$/) return x/1000; if (x ~ /ms$/) return x+0; if (x ~ /s$/) return x*1000; return x }
    END {printf "%.0f %.2f %.2f %d\n", r, ms(p50), ms(p99), bad+0}' "$out"
}

peak_rss_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Results: one line per run: "label kind req/s p50 p99 non2xx rss [limit-req/s]",
# the last field on a Samvirke run: the limit run just before it.
RESULTS=$WORK/results.txt
record() { echo "$*" >>"$RESULTS"; }

# The table: for each goal line, Samvirke's and the limit's median, and the
# median of the per-round ratios (each round's two runs were back to back).
table() { # pairs: "title|samvirke-label|limit-label"
  echo
  echo "| what | Samvirke req/s (p50 / p99 ms) | limit req/s (p50 / p99 ms) | ratio (median of rounds) | Samvirke peak RSS |"
  echo "| --- | --- | --- | --- | --- |"
  for pair in "$@"; do
    IFS='|' read -r title s l <<<"$pair"
    python3 - "$RESULTS" "$title" "$s" "$l" <<'PY'
import sys, statistics
path, title, s, l = sys.argv[1:5]
rows = [line.split() for line in open(path)]
S = [r for r in rows if r[0] == s]
L = [r for r in rows if r[0] == l]
if not S or not L:
    sys.exit(0)
med = lambda xs: statistics.median(xs)
def show(rs):
    return "%s (%.1f / %.1f)%s" % (f"{med([float(r[2]) for r in rs]):,.0f}", med([float(r[3]) for r in rs]), med([float(r[4]) for r in rs]),
        "" if all(r[5] == "0" for r in rs) else " non-2xx: " + ",".join(r[5] for r in rs))
# Each Samvirke run carries the req/s of the limit run just before it.
ratios = [float(a[2]) / float(a[7]) for a in S if len(a) > 7 and float(a[7]) > 0]
all_r = ", ".join(f"{x:.0%}" for x in ratios)
print(f"| {title} | {show(S)} | {show(L)} | **{med(ratios):.0%}** ({all_r}) | {max(int(r[6]) for r in S)/1024:.1f} MB |")
PY
  done
}
