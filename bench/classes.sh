#!/usr/bin/env bash
# Class-visit benchmarks on the release binary (see BENCHMARKS.md), through
# the API as a coordinator would use it:
#  1. a class list of 1,000 lines (real classes hold about 25), with CPR
#     numbers, read and previewed (dry_run=true) and then saved into one class;
#  2. the class's pupils with their ages and visit-day groups (1,000 pupils);
#  3. the class's certificates as one PDF (1,000 pages), and a real class's;
#  4. the season plan proposed for the demo's classes (POST
#     /api/v1/seasons/{year}/plan), when the server has that endpoint.
# Each request is timed by curl over ROUNDS rounds; the median is printed.
# Needs: the release binary (cargo build --release) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-target}/release/samvirke}
PORT=${PORT:-18083}
ROUNDS=${ROUNDS:-15}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SAMVIRKE_DATABASE_URL=${SAMVIRKE_DATABASE_URL:-"sqlite://$WORK/bench.db"}
export SAMVIRKE_DATA_DIR="$WORK/data" SAMVIRKE_RATE_LIMIT=off SAMVIRKE_LOG=warn
URL="http://127.0.0.1:$PORT"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); database: ${SAMVIRKE_DATABASE_URL%%:*}"
"$BIN" demo --listen 127.0.0.1:$PORT >"$WORK/server.log" 2>&1 &
PID=$!
until curl -sf "$URL/healthz" >/dev/null; do sleep 0.05; done

TOKEN=$(curl -s -X POST "$URL/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"email":"borgercenter@dragoer.demo","password":"samvirke-demo"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
AUTH="authorization: Bearer $TOKEN"
# A class without pupils: the last one the coordinator sees.
CLASS=$(curl -s -H "$AUTH" "$URL/api/v1/classes" |
  python3 -c 'import json,sys; print([c for c in json.load(sys.stdin) if c["pupil_count"] == 0][-1]["id"])')

# 1,000 made-up pupils born in 2011-12, with CPR numbers (never stored).
python3 - "$WORK/class.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("Fornavn;Efternavn;CPR\n")
    for i in range(1000):
        name = "".join(chr(ord("a") + int(d)) for d in f"{i:03d}")
        f.write(f"Elev;{name.capitalize()};{i % 28 + 1:02d}{i % 12 + 1:02d}11-4{i:03d}\n")
PY

# Median of ROUNDS timings (ms) of a curl command; its last answer's status
# must be the one expected.
timed() {
  local want=$1; shift
  local times=() status
  for _ in $(seq "$ROUNDS"); do
    read -r status t < <(curl -s -o "$WORK/answer" -w '%{http_code} %{time_total}\n' "$@")
    [ "$status" = "$want" ] || { echo "unexpected $status: $(head -c 300 "$WORK/answer")" >&2; exit 1; }
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms (min %.1f, max %.1f) over %d\n", a[int((NR+1)/2)]*1000, a[1]*1000, a[NR]*1000, NR}'
}

echo "-- preview of a 1,000-line class list ($(wc -c <"$WORK/class.csv") bytes, dry_run=true)"
timed 200 -X POST -H "$AUTH" -H 'content-type: text/csv' --data-binary @"$WORK/class.csv" \
  "$URL/api/v1/classes/$CLASS/pupils/import?dry_run=true"
echo "-- import of the same file, replacing the class list (dry_run=false&replace=true)"
timed 200 -X POST -H "$AUTH" -H 'content-type: text/csv' --data-binary @"$WORK/class.csv" \
  "$URL/api/v1/classes/$CLASS/pupils/import?dry_run=false&replace=true"
python3 -c 'import json,sys; print("   imported:", json.load(open(sys.argv[1]))["imported"])' "$WORK/answer"
echo "-- the class's 1,000 pupils with ages and visit-day groups (GET pupils, audit-logged)"
timed 200 -H "$AUTH" "$URL/api/v1/classes/$CLASS/pupils"
echo "-- the class's certificates as one PDF (1,000 pages: nobody is marked yet, so every pupil)"
timed 200 -H "$AUTH" "$URL/api/v1/classes/$CLASS/certificates.pdf"
echo "   size: $(wc -c <"$WORK/answer") bytes"
REAL=$(curl -s -H "$AUTH" "$URL/api/v1/classes" |
  python3 -c 'import json,sys; print([c for c in json.load(sys.stdin) if 0 < c["pupil_count"] < 100][0]["id"])')
echo "-- a real class's certificates as one PDF (the demo's 9.A, 24 pupils)"
timed 200 -H "$AUTH" "$URL/api/v1/classes/$REAL/certificates.pdf"
echo "   size: $(wc -c <"$WORK/answer") bytes"
YEAR=$(curl -s -H "$AUTH" "$URL/api/v1/classes" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["school_year"])')
if [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "$AUTH" "$URL/api/v1/seasons/$YEAR/plan")" = 200 ]; then
  echo "-- season plan proposed for the demo's classes ($YEAR)"
  timed 200 -X POST -H "$AUTH" "$URL/api/v1/seasons/$YEAR/plan"
fi
echo "-- peak resident memory: $(awk '/VmHWM/ {print $2 " kB"}' /proc/$PID/status)"
