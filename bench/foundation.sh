#!/usr/bin/env bash
# Foundation benchmarks on the release binary (see BENCHMARKS.md):
#  1. time from `samvirke serve` to the first 200 from /healthz, on an existing database;
#  2. resident memory when idle after start-up and after the load;
#  3. requests per second and latency of the front page (wrk, 64 connections).
# Needs: the release binary (cargo build --release) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-target}/release/samvirke}
PORT=${PORT:-18080}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SAMVIRKE_DATABASE_URL="sqlite://$WORK/bench.db" SAMVIRKE_DATA_DIR="$WORK/data" SAMVIRKE_RATE_LIMIT=off SAMVIRKE_LOG=warn

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "binary:  $BIN ($(du -h "$BIN" | cut -f1))"

# An existing database with the demo data.
"$BIN" demo --listen 127.0.0.1:$PORT >"$WORK/seed.log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
kill $PID; wait $PID 2>/dev/null || true

echo "-- start-up to first answer (10 runs, ms)"
times=()
for _ in $(seq 10); do
  start=$(date +%s%N)
  "$BIN" serve --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
  PID=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do sleep 0.002; done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  kill $PID; wait $PID 2>/dev/null || true
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "min %d  median %d  max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'

"$BIN" serve --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.01; done
curl -sf "http://127.0.0.1:$PORT/" >/dev/null
sleep 1
echo "-- idle resident memory: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$PID/status)"
echo "-- front page: $(curl -s "http://127.0.0.1:$PORT/" | wc -c) bytes"
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$PORT/" | grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
echo "-- resident memory after the load: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$PID/status), peak $(awk '/VmHWM/ {print $2 " kB"}' /proc/$PID/status)"
