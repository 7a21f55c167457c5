#!/usr/bin/env bash
# bench/explain-overhead.sh: what EXPLAIN ANALYZE costs over plain execution, MiniDB and PostgreSQL 15 side by side.
#   bench/explain-overhead.sh [--rows N] [--runs N]
# Starts a throw-away PostgreSQL 15 and a throw-away MiniDB (bench/side-by-side.sh; MiniDB's existing build),
# runs bench/ExplainOverhead.java against both: a filtered scan and a hash join, each plain, with
# EXPLAIN (ANALYZE) and with EXPLAIN (ANALYZE, TIMING OFF); prints the medians and the overhead ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
exec "$root/bench/side-by-side.sh" --timeout 900 --workload "$root/bench/ExplainOverhead.java" -- "$@"
