#!/usr/bin/env bash
# The appointments' slot search for a service with 10 staff over 8 weeks
# (see BENCHMARKS.md):
#  1. the pure search (samvirke_domain::appointments::slots) on a release
#     build: each person works 8–16 on weekdays, has a day off a week, two
#     two-hour sessions a week and every other appointment time booked;
#  2. the same through the use case (`appointments::free_times`: the
#     availability, sessions and appointments read from SQLite, then the
#     search), with 3,360 appointments booked, as an ignored test (set
#     PROFILE=release to run it on a release build; debug by default).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
cargo run --release -q -p samvirke-domain --example slot_search
PROFILE_FLAG=()
[ "${PROFILE:-debug}" = release ] && PROFILE_FLAG=(--release)
cargo test -q "${PROFILE_FLAG[@]}" -p samvirke-web --test it appointments_bench:: -- --ignored --nocapture 2>&1 |
  grep -E '^use case'
