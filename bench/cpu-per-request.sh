#!/usr/bin/env bash
# Server CPU time (user + system) per request while wrk loads one address:
# less sensitive to other work on a shared machine than requests per second.
# Compare two binaries by alternating runs and taking the minimum of each.
#
#   bench/cpu-per-request.sh BINARY            # GET /api/v1/sessions
#   PATHS='/api/v1/sessions /' DURATION=4s bench/cpu-per-request.sh BINARY
#
# Needs: the release binary and wrk (apt-get install wrk).
set -euo pipefail
BIN=${1:?usage: $0 BINARY}; PORT=${PORT:-18094}; WORK=$(mktemp -d)
export SAMVIRKE_DATABASE_URL="sqlite://$WORK/bench.db" SAMVIRKE_DATA_DIR="$WORK/data" SAMVIRKE_RATE_LIMIT=off SAMVIRKE_LOG=warn
"$BIN" demo --listen 127.0.0.1:$PORT >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.05; done
cpu() { awk '{print $14+$15}' /proc/$PID/stat; }
for path in ${PATHS:-/api/v1/sessions}; do
  before=$(cpu)
  n=$(wrk -t2 -c64 -d${DURATION:-6s} "http://127.0.0.1:$PORT$path" | awk '/requests in/ {print $1}')
  after=$(cpu)
  awk -v p="$path" -v n="$n" -v t=$((after-before)) -v hz=$(getconf CLK_TCK) 'BEGIN {printf "%s %d req, %.1f us CPU/req  ", p, n, t*1e6/hz/n}'
done
echo
