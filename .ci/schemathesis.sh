#!/usr/bin/env bash
# The OpenAPI document is the truth: schemathesis (pinned, from PyPI) runs
# against `samvirke demo` on a fresh SQLite database and a free port, with a
# coordinator's bearer token, all checks but "schema-valid data rejected"
# (positive_data_acceptance: the API may refuse what the schema allows, e.g.
# a name of only spaces). Any finding fails the run.
#
#   .ci/schemathesis.sh [path to the samvirke binary]
#
# SCHEMATHESIS_EXAMPLES bounds the test cases per operation and phase
# (default 150: about 2,500 requests, a minute or two on 2 cores with the
# debug binary); SCHEMATHESIS_SEED fixes the generated data (default fixed,
# so a run is repeatable; set another to explore).
set -euo pipefail


SCHEMATHESIS_VERSION=4.32.5
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-150}"
BIN="${1:-${SAMVIRKE_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/samvirke-target}/debug/samvirke}}"
test -x "$BIN" || { echo "no samvirke binary at $BIN" >&2; exit 1; }

# A virtual environment of its own, kept between runs, so the pinned version
# never depends on (or disturbs) the system's Python packages.
VENV="${SCHEMATHESIS_VENV:-$HOME/.cache/samvirke-schemathesis-$SCHEMATHESIS_VERSION}"
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
"$VENV/bin/schemathesis" --version

WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"

SAMVIRKE_RATE_LIMIT=off \
SAMVIRKE_DATA_DIR="$WORK/data" \
SAMVIRKE_LOG=warn \
  "$BIN" demo --listen "127.0.0.1:$PORT" --database-url "sqlite://$WORK/schemathesis.db" \
  >"$WORK/server.log" 2>&1 &
SERVER=$!

cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -fsS "$BASE/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "samvirke demo stopped:" >&2
    cat "$WORK/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "$BASE/healthz"
echo

TOKEN="$(curl -fsS -X POST "$BASE/api/v1/auth/token" \
  -H 'Content-Type: application/json' \
  -d '{"email":"bibliotek@dragoer.demo","password":"samvirke-demo"}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

set +e
# From the temporary folder: schemathesis keeps its cache in the working folder.
cd "$WORK"
"$VENV/bin/schemathesis" run "$BASE/api/v1/openapi.json" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --header "Authorization: Bearer $TOKEN" \
  --max-examples "$EXAMPLES" \
  --seed "${SCHEMATHESIS_SEED:-20261130}" \
  --workers 1 \
  --no-color \
  --suppress-health-check all \
  --report junit --report-dir "$WORK/report" \
  "${@:2}"
rc=$?
set -e

if grep -qi 'panicked' "$WORK/server.log"; then
  echo "the server panicked:" >&2
  grep -i -A5 'panicked' "$WORK/server.log" >&2
  rc=1
fi
JUNIT="$(ls "$WORK"/report/junit*.xml 2>/dev/null | head -n 1 || true)"
if [ -n "$JUNIT" ]; then
  python3 - "$JUNIT" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
tests = sum(int(s.get("tests", 0)) for s in suites)
failures = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
print(f"schemathesis: {tests} operations tested, {failures} with findings")
PY
fi
exit "$rc"
