#!/usr/bin/env bash
# Sign-ups on PostgreSQL, two Samvirke processes on one database against the
# limit server's `pg-insert` (one `FOR UPDATE` transaction per sign-up),
# interleaved in one run (limit, Samvirke, … ROUNDS rounds); one table of
# medians and ratios at the end (see BENCHMARKS.md, issue 12; goal 2×).
#
#   BENCH_PG=postgres://samvirke:samvirke@127.0.0.1:5432 bench/signup-pg-vs-limit.sh
#
# Samvirke: `samvirke demo` (which seeds the demo) and `samvirke serve` on a
# fresh database each run, each process taking half the connections (two
# wrk at once, req/s summed, p50/p99 the worse of the two), every request a
# new person with an e-mail into the demo's first session (40 seats, then
# the waiting list), the confirmation queued in the same transaction, both
# outbox workers delivering .eml files meanwhile (bench/signup.lua).
# The limit server: `limits pg-insert` on a database of its own (post.lua).
# Both with the server's synchronous_commit (on by default; printed).
# Needs: cargo, wrk, curl, python3, psql. Builds both binaries itself.
source "$(dirname "$0")/vs-limit.sh"
BENCH_PG=${BENCH_PG:-postgres://samvirke:samvirke@127.0.0.1:5432}
PORT=${PORT:-18131}
build
machine
echo "postgres: synchronous_commit=$(psql -Atc 'SHOW synchronous_commit' "$BENCH_PG/postgres")"
echo "-- before: load $(cut -d' ' -f1-3 /proc/loadavg)"

fresh_db() { # name
  psql -q "$BENCH_PG/postgres" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
}

limit_run() {
  fresh_db limits_bench
  PORT=$PORT "$LIMITS" pg-insert "$BENCH_PG/limits_bench" 2>"$WORK/limits.log" &
  SERVER_PIDS=($!)
  wait_http "http://127.0.0.1:$PORT/"
  local r; r=$(load -s "$LIMITS_SRC/post.lua" "http://127.0.0.1:$PORT/")
  local rss; rss=$(peak_rss_kb "${SERVER_PIDS[0]}")
  stop_servers
  record "limit-pg" x $r "$rss"
  LAST_LIMIT=${r%% *}
  echo "   limit pg-insert: $r (req/s p50 p99 non2xx)"
}

# wrk against one URL with half the connections, into its own file.
half_load() { # out url name
  wrk -t1 -c"$((CONNECTIONS / 2))" -d"$DURATION" --latency -s bench/signup.lua "$2" -- "$3" >"$1" 2>&1
}

samvirke_run() {
  fresh_db samvirke_bench
  local db="$BENCH_PG/samvirke_bench" a=$PORT b=$((PORT + 1))
  rm -rf "$WORK/data"
  SAMVIRKE_LOG=warn SAMVIRKE_RATE_LIMIT=off SAMVIRKE_DATA_DIR="$WORK/data" \
    "$BIN" demo --listen "127.0.0.1:$a" --database-url "$db" >"$WORK/server-a.log" 2>&1 &
  SERVER_PIDS=($!)
  wait_http "http://127.0.0.1:$a/healthz"
  SAMVIRKE_LOG=warn SAMVIRKE_RATE_LIMIT=off SAMVIRKE_DATA_DIR="$WORK/data" \
    "$BIN" serve --listen "127.0.0.1:$b" --database-url "$db" >"$WORK/server-b.log" 2>&1 &
  SERVER_PIDS+=($!)
  wait_http "http://127.0.0.1:$b/healthz"
  local session path
  session=$(curl -s "http://127.0.0.1:$a/api/v1/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  path="/api/v1/sessions/$session/registrations"
  half_load "$WORK/wrk-a.txt" "http://127.0.0.1:$a$path" a &
  local wa=$!
  half_load "$WORK/wrk-b.txt" "http://127.0.0.1:$b$path" b
  wait "$wa"
  local r
  r=$(awk '
    /Requests\/sec/ {r+=$2}
    function ms(x) { if (x ~ /us$/) return x/1000; if (x ~ /ms$/) return x+0; if (x ~ /s$/) return x*1000; return x }
    / 50%/ {v=ms($2); if (v>p50) p50=v} / 99%/ {v=ms($2); if (v>p99) p99=v}
    /Non-2xx/ {bad+=$5}
    END {printf "%.0f %.2f %.2f %d\n", r, p50, p99, bad+0}' "$WORK/wrk-a.txt" "$WORK/wrk-b.txt")
  local rss_a rss_b
  rss_a=$(peak_rss_kb "${SERVER_PIDS[0]}"); rss_b=$(peak_rss_kb "${SERVER_PIDS[1]}")
  local check
  check=$(curl -s "http://127.0.0.1:$a/api/v1/sessions/$session" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("seats_left", d["seats_left"], "waiting", d["waitlist_length"])')
  stop_servers
  record "samvirke-pg" x $r "$((rss_a > rss_b ? rss_a : rss_b))" "$LAST_LIMIT"
  echo "   samvirke, two processes: $r (req/s p50 p99 non2xx); $check; $(ls "$WORK/data/outbox" 2>/dev/null | wc -l) e-mails delivered"
}

for round in $(seq "$ROUNDS"); do
  echo "-- round $round"
  limit_run
  samvirke_run
done
echo "-- after: load $(cut -d' ' -f1-3 /proc/loadavg)"
table "sign-ups, PostgreSQL, two Samvirke processes (synchronous_commit as printed)|samvirke-pg|limit-pg"
