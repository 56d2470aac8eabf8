#!/usr/bin/env bash
# The quiz at 200 participants on the release binary (see BENCHMARKS.md):
# 200 players join one run from one address, a presenter's event stream is
# open, and for each of the 7 questions all 200 answer at once, each on a new
# connection. Prints answers accepted per second and the delay from an
# answer's 201 to the presenter's stream showing it in the tally.
# Needs: the release binary (cargo build --release) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-target}/release/samvirke}
PORT=${PORT:-18090}
PLAYERS=${PLAYERS:-200}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SAMVIRKE_DATABASE_URL=${SAMVIRKE_DATABASE_URL:-"sqlite://$WORK/bench.db"}
export SAMVIRKE_DATA_DIR="$WORK/data" SAMVIRKE_LOG=warn
URL="http://127.0.0.1:$PORT"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); database: ${SAMVIRKE_DATABASE_URL%%:*}; binary: $BIN"
"$BIN" demo --listen 127.0.0.1:$PORT >"$WORK/server.log" 2>&1 &
PID=$!
until curl -sf "$URL/healthz" >/dev/null; do sleep 0.05; done

TOKEN=$(curl -s -X POST "$URL/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"email":"bibliotek@dragoer.demo","password":"samvirke-demo"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# The presenter's page is a staff page: a login cookie.
CSRF=$(curl -s -c "$WORK/jar" -o /dev/null -w '' "$URL/login"; awk '$6=="samvirke_csrf"{print $7}' "$WORK/jar")
curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null -X POST "$URL/login" \
  --data-urlencode "csrf=$CSRF" --data-urlencode 'email=bibliotek@dragoer.demo' --data-urlencode 'password=samvirke-demo'
COOKIE=$(awk '$6 ~ /^samvirke_/ {printf "%s=%s; ", $6, $7}' "$WORK/jar")

python3 bench/quiz_load.py 127.0.0.1 "$PORT" "$TOKEN" "$COOKIE" "$PLAYERS" 7
echo "peak resident memory: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$PID/status)"
