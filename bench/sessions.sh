#!/usr/bin/env bash
# Sign-up benchmarks on the release binary (see BENCHMARKS.md):
#  1. sign-ups per second and p50/p99 latency at 64 concurrent connections into a
#     session with a waiting list (every request a new person, with an e-mail, so a
#     confirmation is queued in the outbox in the same transaction);
#  2. requests per second and p99 of the public session list (JSON and HTML) and a
#     session page;
#  3. the server's peak resident memory.
# Needs: the release binary (cargo build --release) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-target}/release/samvirke}
PORT=${PORT:-18081}
DURATION=${DURATION:-10s}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SAMVIRKE_DATABASE_URL=${SAMVIRKE_DATABASE_URL:-"sqlite://$WORK/bench.db"}
export SAMVIRKE_DATA_DIR="$WORK/data" SAMVIRKE_RATE_LIMIT=off SAMVIRKE_LOG=warn
URL="http://127.0.0.1:$PORT"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); database: ${SAMVIRKE_DATABASE_URL%%:*}"
"$BIN" demo --listen 127.0.0.1:$PORT >"$WORK/server.log" 2>&1 &
PID=$!
until curl -sf "$URL/healthz" >/dev/null; do sleep 0.05; done
SESSION=$(curl -s "$URL/api/v1/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

echo "-- sign-ups into session $SESSION (40 seats, then the waiting list), 64 connections, $DURATION"
wrk -t2 -c64 -d"$DURATION" --latency -s bench/signup.lua "$URL/api/v1/sessions/$SESSION/registrations" | grep -E "Requests/sec|signups:|Non-2xx|Socket errors|99%"
curl -s "$URL/api/v1/sessions/$SESSION" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("   after: seats_left", d["seats_left"], "waitlist_length", d["waitlist_length"])'

for path in "/api/v1/sessions" "/arrangementer" "/arrangementer/$SESSION"; do
  echo "-- GET $path ($(curl -s "$URL$path" | wc -c) bytes), 64 connections, $DURATION"
  wrk -t2 -c64 -d"$DURATION" --latency "$URL$path" | grep -E "Requests/sec|50%|99%|Non-2xx"
done
echo "-- peak resident memory: $(awk '/VmHWM/ {print $2 " kB"}' /proc/$PID/status)"
