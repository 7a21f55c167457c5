#!/usr/bin/env bash
# bench/vacuum.sh: table size under an update-heavy workload, MiniDB and PostgreSQL 15 side by side.
#   bench/vacuum.sh [--rows 100] [--updates-per-row 2000] [--clients 4]
# Both servers run with autovacuum_naptime = 1s (bench/side-by-side.sh); bench/VacuumBloat.java prints the
# size every second and the end size over the start size for both. For issue 6's long run use
# --updates-per-row 200000 (hours on a small machine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
exec "$root/bench/side-by-side.sh" --workload "$root/bench/VacuumBloat.java" -c autovacuum_naptime=1s \
  --timeout 36000 -- "$@"
