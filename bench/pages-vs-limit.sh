#!/usr/bin/env bash
# Public pages, Samvirke against the limit server's `html` mode (a 14 KB
# page rendered per request), interleaved in one run: each round runs the
# limit, then Samvirke's front page, list and session page; one table of
# medians and ratios at the end (see BENCHMARKS.md, issue 12).
#
#   bench/pages-vs-limit.sh                  # ROUNDS=3 DURATION=10s
#
# Samvirke: `samvirke demo` on a SQLite file, logging at LOG (warn).
# Needs: cargo, wrk, curl, python3. Builds both binaries itself.
source "$(dirname "$0")/vs-limit.sh"
PORT=${PORT:-18122}
LIMIT_PORT=${LIMIT_PORT:-18123}
LOG=${LOG:-warn}
URL="http://127.0.0.1:$PORT"
build
machine
echo "-- before: load $(cut -d' ' -f1-3 /proc/loadavg)"
SAMVIRKE_LOG=$LOG SAMVIRKE_RATE_LIMIT=off SAMVIRKE_DATA_DIR="$WORK/data" \
  "$BIN" demo --listen "127.0.0.1:$PORT" --database-url "sqlite://$WORK/sam.db" >"$WORK/server.log" 2>&1 &
SAMVIRKE_PID=$!
SERVER_PIDS=($SAMVIRKE_PID)
wait_http "$URL/healthz"
SESSION=$(curl -s "$URL/api/v1/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
PAGES="/ /arrangementer /arrangementer/$SESSION"
for p in $PAGES; do echo "   GET $p: $(curl -s "$URL$p" | wc -c) bytes"; done

for round in $(seq "$ROUNDS"); do
  echo "-- round $round"
  PORT=$LIMIT_PORT "$LIMITS" html 2>"$WORK/limits.log" &
  lim=$!
  wait_http "http://127.0.0.1:$LIMIT_PORT/"
  r=$(load "http://127.0.0.1:$LIMIT_PORT/")
  record limit-html x $r "$(peak_rss_kb $lim)"
  kill $lim; wait $lim 2>/dev/null || true
  LAST_LIMIT=${r%% *}
  echo "   limit html: $r"
  for p in $PAGES; do
    r=$(load "$URL$p")
    record "samvirke$p" x $r "$(peak_rss_kb $SAMVIRKE_PID)" "$LAST_LIMIT"
    echo "   samvirke $p: $r"
  done
done
echo "-- after: load $(cut -d' ' -f1-3 /proc/loadavg)"
table "front page /|samvirke/|limit-html" \
  "list /arrangementer|samvirke/arrangementer|limit-html" \
  "session page /arrangementer/{id}|samvirke/arrangementer/$SESSION|limit-html"
