#!/usr/bin/env bash
# Sign-ups on SQLite, Samvirke against the limit server, interleaved in one
# run (limit, Samvirke, limit, Samvirke, … ROUNDS rounds), one table of
# medians and ratios at the end (see BENCHMARKS.md, issue 12).
#
#   bench/signup-vs-limit.sh                  # ROUNDS=3 DURATION=10s
#   MODES="normal full" LOGS="warn info" bench/signup-vs-limit.sh
#
# Samvirke: `samvirke demo` on a fresh SQLite file each run, every request a
# new person with an e-mail into the demo's first session (40 seats, then
# the waiting list), the confirmation queued in the same transaction, the
# outbox worker delivering .eml files meanwhile (bench/signup.lua).
# The limit server: `limits sqlite-insert DB normal|full` (post.lua).
# SAMVIRKE_SQLITE_SYNCHRONOUS is passed for the `full` mode; a binary
# without that setting (before issue 12) runs with synchronous=NORMAL.
# Needs: cargo, wrk, curl, python3. Builds both binaries itself.
source "$(dirname "$0")/vs-limit.sh"
MODES=${MODES:-"normal full"}
LOGS=${LOGS:-"warn"}
PORT=${PORT:-18121}
URL="http://127.0.0.1:$PORT"
build
machine
echo "-- before: load $(cut -d' ' -f1-3 /proc/loadavg)"

limit_run() { # sync
  rm -f "$WORK"/lim.db*
  PORT=$PORT "$LIMITS" sqlite-insert "$WORK/lim.db" "$1" 2>"$WORK/limits.log" &
  SERVER_PIDS=($!)
  wait_http "$URL/"
  local r; r=$(load -s "$LIMITS_SRC/post.lua" "$URL/")
  local rss; rss=$(peak_rss_kb "${SERVER_PIDS[0]}")
  stop_servers
  record "limit-$1" x $r "$rss"
  LAST_LIMIT=${r%% *}
  echo "   limit sqlite-insert $1: $r (req/s p50 p99 non2xx)"
}

samvirke_run() { # sync log
  rm -rf "$WORK"/sam.db* "$WORK/data"
  SAMVIRKE_SQLITE_SYNCHRONOUS=$1 SAMVIRKE_LOG=$2 SAMVIRKE_RATE_LIMIT=off SAMVIRKE_DATA_DIR="$WORK/data" \
    "$BIN" demo --listen "127.0.0.1:$PORT" --database-url "sqlite://$WORK/sam.db" >"$WORK/server.log" 2>&1 &
  SERVER_PIDS=($!)
  wait_http "$URL/healthz"
  local session
  session=$(curl -s "$URL/api/v1/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  local r; r=$(load -s bench/signup.lua "$URL/api/v1/sessions/$session/registrations")
  local rss; rss=$(peak_rss_kb "${SERVER_PIDS[0]}")
  local check
  check=$(curl -s "$URL/api/v1/sessions/$session" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("seats_left", d["seats_left"], "waiting", d["waitlist_length"])')
  stop_servers
  record "samvirke-$1-$2" x $r "$rss" "$LAST_LIMIT"
  echo "   samvirke $1 log=$2: $r (req/s p50 p99 non2xx); $check; $(ls "$WORK/data/outbox" 2>/dev/null | wc -l) e-mails delivered"
}

for round in $(seq "$ROUNDS"); do
  echo "-- round $round"
  for mode in $MODES; do
    for log in $LOGS; do
      limit_run "$mode"
      samvirke_run "$mode" "$log"
    done
  done
done
echo "-- after: load $(cut -d' ' -f1-3 /proc/loadavg)"
pairs=()
for mode in $MODES; do
  for log in $LOGS; do
    pairs+=("sign-ups, SQLite synchronous=$mode, log $log|samvirke-$mode-$log|limit-$mode")
  done
done
table "${pairs[@]}"
