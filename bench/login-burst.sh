#!/usr/bin/env bash
# Memory during a burst of 200 parallel logins (see BENCHMARKS.md), on the
# release binary: a fresh `samvirke demo` for each burst, its peak resident
# memory read from /proc/PID/status (VmHWM, and VmRSS sampled every 5 ms by
# bench/login_burst.py).
#  1. 200 logins through the login form, each for its own e-mail (every one
#     needs a password check), with SAMVIRKE_RATE_LIMIT=off so the
#     per-address limit does not stop them first;
#  2. 200 token requests with a wrong password for one account, default limits.
# Needs: the release binary (cargo build --release) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-target}/release/samvirke}
PORT=${PORT:-18081}
N=${N:-200}
WORK=$(mktemp -d)
PID=
trap 'if [ -n "$PID" ]; then kill $PID 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "binary:  $BIN ($(du -h "$BIN" | cut -f1))"

burst() { # mode, rate limit
  rm -rf "$WORK/db" && mkdir -p "$WORK/db"
  SAMVIRKE_DATABASE_URL="sqlite://$WORK/db/bench.db" SAMVIRKE_DATA_DIR="$WORK/db/data" \
    SAMVIRKE_RATE_LIMIT="$2" SAMVIRKE_LOG=warn \
    "$BIN" demo --listen 127.0.0.1:$PORT >"$WORK/server.log" 2>&1 &
  PID=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do sleep 0.05; done
  # Warm up: the first login makes the dummy hash for unknown e-mails.
  curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"opvarmning@dragoer.demo","password":"forkert-adgangskode"}' \
    "http://127.0.0.1:$PORT/api/v1/auth/token"
  sleep 1
  echo "-- $1 (SAMVIRKE_RATE_LIMIT=$2)"
  python3 bench/login_burst.py --url "http://127.0.0.1:$PORT" --pid $PID --mode "$1" -n "$N"
  kill $PID; wait $PID 2>/dev/null || true
  PID=
}

burst form-many off
burst api-one on
