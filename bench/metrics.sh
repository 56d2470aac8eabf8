#!/usr/bin/env bash
# The cost of metrics (issue 14): the same release binary with metrics off
# and on (SAMVIRKE_METRICS_ADDRESS), alternated ROUNDS times, each run on a
# fresh demo database: sign-ups (64 connections, bench/signup.lua) and the
# front page (GET /). Prints requests per second and p99 of each run.
# Needs: the release binary and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-target}/release/samvirke}
PORT=${PORT:-18082}
METRICS_PORT=${METRICS_PORT:-19464}
DURATION=${DURATION:-8s}
ROUNDS=${ROUNDS:-3}
WORK=$(mktemp -d)
PID=
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SAMVIRKE_DATA_DIR="$WORK/data" SAMVIRKE_RATE_LIMIT=off SAMVIRKE_LOG=warn
URL="http://127.0.0.1:$PORT"

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # $1: off or on
  rm -f "$WORK"/bench.db*
  if [ "$1" = on ]; then export SAMVIRKE_METRICS_ADDRESS="127.0.0.1:$METRICS_PORT"; else unset SAMVIRKE_METRICS_ADDRESS; fi
  "$BIN" demo --listen "127.0.0.1:$PORT" --database-url "sqlite://$WORK/bench.db" >"$WORK/server.log" 2>&1 &
  PID=$!
  until curl -sf "$URL/healthz" >/dev/null; do sleep 0.05; done
  local session
  session=$(curl -s "$URL/api/v1/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  local signup front
  signup=$(wrk -t2 -c64 -d"$DURATION" --latency -s bench/signup.lua "$URL/api/v1/sessions/$session/registrations" | awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r " req/s, p99 " p}')
  front=$(wrk -t2 -c64 -d"$DURATION" --latency "$URL/" | awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r " req/s, p99 " p}')
  if [ "$1" = on ]; then
    curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" | grep -c '^samvirke_' | xargs -I{} echo "   ({} samples at /metrics)"
  fi
  kill -TERM $PID; wait $PID || true
  printf 'metrics %-3s  sign-ups %-28s  front page %s\n' "$1" "$signup" "$front"
}
for _ in $(seq "$ROUNDS"); do run off; run on; done
