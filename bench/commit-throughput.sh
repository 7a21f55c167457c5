#!/usr/bin/env bash
# bench/commit-throughput.sh: commit throughput of MiniDB and PostgreSQL 15, fsync on, same disk, one run.
#   bench/commit-throughput.sh [--seconds S] [--warmup S] [--clients 1,8,32] [--tables one,per-client]
# Starts a throw-away PostgreSQL 15 and a throw-away MiniDB at their defaults (bench/side-by-side.sh), runs
# bench/CommitThroughput.java against both, and prints one table with commits per second and the ratio, plus
# this disk's fsync latency.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
exec "$root/bench/side-by-side.sh" --workload "$root/bench/CommitThroughput.java" -- "$@"
