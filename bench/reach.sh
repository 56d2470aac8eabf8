#!/usr/bin/env bash
# The reach report over a year with 100,000 sign-ups (see BENCHMARKS.md),
# on SQLite and, when SAMVIRKE_TEST_PG holds a URL, on PostgreSQL too.
# PROFILE=release runs it on a release build (debug by default).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
PROFILE_FLAG=()
[ "${PROFILE:-debug}" = release ] && PROFILE_FLAG=(--release)
run() {
  cargo test -q "${PROFILE_FLAG[@]}" -p samvirke-web --test it reach_bench:: -- --ignored --nocapture 2>&1 |
    grep -E '^(data|reach report)'
}
PG="${SAMVIRKE_TEST_PG:-}"
SAMVIRKE_TEST_PG= run
[ -n "$PG" ] && SAMVIRKE_TEST_PG="$PG" run
exit 0
