#!/usr/bin/env bash
# A backup of a SQLite database with a million registrations while sign-ups
# go on (issue 14): fills a demo database with REGISTRATIONS rows (sqlite3),
# times `samvirke backup` once on a quiet server and once during a wrk
# sign-up storm (64 connections), and prints the sign-up rate in both.
# Needs: the release binary, sqlite3 and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-target}/release/samvirke}
PORT=${PORT:-18083}
REGISTRATIONS=${REGISTRATIONS:-1000000}
WORK=${WORK:-$(mktemp -d)}
PID=
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SAMVIRKE_DATA_DIR="$WORK/data" SAMVIRKE_RATE_LIMIT=off SAMVIRKE_LOG=warn
DB="$WORK/bench.db"
URL="http://127.0.0.1:$PORT"
start() {
  "$BIN" serve --listen "127.0.0.1:$PORT" --database-url "sqlite://$DB" >>"$WORK/server.log" 2>&1 &
  PID=$!
  until curl -sf "$URL/healthz" >/dev/null; do sleep 0.05; done
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" demo --listen "127.0.0.1:$PORT" --database-url "sqlite://$DB" >"$WORK/server.log" 2>&1 &
PID=$!
until curl -sf "$URL/healthz" >/dev/null; do sleep 0.05; done
SESSION=$(curl -s "$URL/api/v1/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
kill -TERM $PID; wait $PID || true

# Past sign-ups, spread over the other sessions, as a busy year leaves them.
began=$(date +%s.%N)
sqlite3 "$DB" <<SQL
PRAGMA journal_mode=WAL;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $REGISTRATIONS),
  s AS (SELECT id, municipality_id, row_number() OVER (ORDER BY id) - 1 AS k FROM event_session WHERE id <> $SESSION),
  c AS (SELECT count(*) AS total FROM s)
INSERT INTO registration (municipality_id, session_id, name, email, needs, status, cancel_token_hash, channel, created_at, language)
SELECT s.municipality_id, s.id, 'Deltager ' || n.i, 'deltager-' || n.i || '@example.dk', '', 'confirmed',
       printf('%064d', n.i), 'online', '2026-01-01 10:00:00+00:00', 'da'
FROM n, c JOIN s ON s.k = n.i % c.total;
SQL
echo "-- filled: $(sqlite3 "$DB" 'SELECT count(*) FROM registration') registrations, $(du -m "$DB" | cut -f1) MB, in $(echo "$(date +%s.%N) - $began" | bc) s"

start
echo "-- backup of a quiet server"
"$BIN" backup --database-url "sqlite://$DB" --to "$WORK/quiet.db"
echo "-- sign-ups alone, 64 connections, 10 s"
wrk -t2 -c64 -d10s --latency -s bench/signup.lua "$URL/api/v1/sessions/$SESSION/registrations" | grep -E "Requests/sec|signups:|Non-2xx"
echo "-- sign-ups for 20 s, 64 connections, with a backup starting after 3 s"
wrk -t2 -c64 -d20s --latency -s bench/signup.lua "$URL/api/v1/sessions/$SESSION/registrations" >"$WORK/wrk.txt" &
WRK=$!
sleep 3
"$BIN" backup --database-url "sqlite://$DB" --to "$WORK/busy.db"
wait $WRK
grep -E "Requests/sec|signups:|Non-2xx" "$WORK/wrk.txt"
echo "-- after: $(sqlite3 "$DB" 'SELECT count(*) FROM registration') registrations in the database, $(sqlite3 "$WORK/busy.db" 'SELECT count(*) FROM registration') in the backup"
