#!/usr/bin/env bash
# bench/tpcb.sh: pgbench's TPC-B (sort of) against MiniDB and PostgreSQL 15, side by side, interleaved.
#   bench/tpcb.sh [--scale N] [--clients 8] [--threads 2] [--seconds 20] [--runs 1] [--modes prepared,simple]
#                 [--select-only] [--no-build]
# Initialises pgbench's tables (pgbench -i, scale 1 unless given) in a throw-away MiniDB and a throw-away
# PostgreSQL 15 (temp dir, spare ports 55452.., both at their defaults: fsync on, synchronous_commit on), then runs
# pgbench -c C -j J -T S -M mode for each mode and run, MiniDB then PostgreSQL, and prints tps and the ratio.
# --select-only runs pgbench -S (the select-only script) instead of the TPC-B script.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scale=1 clients=8 threads=2 seconds=20 runs=1 modes="prepared,simple" script_flag="" build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --select-only) script_flag="-S"; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "tpcb.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=../scripts/java-home.sh
source "$root/scripts/java-home.sh"
java="$JAVA_HOME/bin/java"
pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pgbin/postgres" ]] || { echo "tpcb.sh: PostgreSQL 15 not found in $pgbin (set PGBIN)" >&2; exit 1; }
pgbench="$(command -v pgbench || echo "$pgbin/pgbench")"
[[ -x "$pgbench" ]] || { echo "tpcb.sh: pgbench not found" >&2; exit 1; }

jar="$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar"
cpfile="$root/server/target/classpath.txt"
if (( build )) && { [[ ! -f "$jar" || ! -f "$cpfile" ]] \
    || [[ -n "$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.ftl' \) \
        -newer "$jar" -print -quit)" ]]; }; then
  # package, not install: the classpath file then names this checkout's module jars.
  echo "tpcb.sh: building MiniDB (./mvnw -q -B -DskipTests package) ..." >&2
  ./mvnw -o -q -B -DskipTests package >&2
fi
[[ -f "$jar" && -f "$cpfile" ]] || { echo "tpcb.sh: MiniDB is not built" >&2; exit 1; }

me=tpcb.sh
# shellcheck source=lib/servers.sh
source "$root/bench/lib/servers.sh"
servers_init minidb-tpcb 55452

echo "tpcb: $(nproc) cores; $("$java" -version 2>&1 | head -n 1); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'); $("$pgbench" --version); temp dir $tmp" >&2

start_postgres
start_minidb

bench() { "$pgbench" -h 127.0.0.1 -p "$1" -U postgres "${@:2}" postgres; }

# pgbench -i with its default steps (dtgvp). Until MiniDB has VACUUM ANALYZE, its 'v' step fails: then the steps
# without it, and a plain VACUUM of each table instead.
for side in MiniDB PostgreSQL; do
  port=$mdb_port; [[ "$side" == PostgreSQL ]] && port=$pg_port
  start=$(date +%s.%N)
  if ! bench "$port" -i -s "$scale" >"$tmp/init-$side.log" 2>&1; then
    [[ "$side" == MiniDB ]] || { cat "$tmp/init-$side.log" >&2; exit 1; }
    echo "tpcb.sh: MiniDB refused pgbench -i's default steps ($(grep -m1 ERROR "$tmp/init-$side.log")); using -I dtgp and VACUUM" >&2
    bench "$port" -i -I dtgp -s "$scale" >"$tmp/init-$side.log" 2>&1 || { cat "$tmp/init-$side.log" >&2; exit 1; }
    for t in pgbench_branches pgbench_tellers pgbench_accounts pgbench_history; do
      "$pgbin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "VACUUM $t" >&2
    done
  fi
  printf 'pgbench -i -s %s on %-10s %6.1f s\n' "$scale" "$side" "$(echo "$(date +%s.%N) - $start" | bc)"
done

script="TPC-B (sort of)"; [[ -n "$script_flag" ]] && script="select only"
printf '\n%s, scale %s, %s clients, %s threads, %s s per run\n' "$script" "$scale" "$clients" "$threads" "$seconds"
printf '%-10s %4s %14s %14s %8s\n' mode run "MiniDB tps" "PG tps" ratio
IFS=',' read -r -a mode_list <<<"$modes"
for mode in "${mode_list[@]}"; do
  for ((r = 1; r <= runs; r++)); do
    declare -A tps=()
    for side in MiniDB PostgreSQL; do
      port=$mdb_port; [[ "$side" == PostgreSQL ]] && port=$pg_port
      # Without -n: pgbench vacuums branches and tellers and truncates the history first, on both sides.
      out="$(bench "$port" $script_flag -c "$clients" -j "$threads" -T "$seconds" -M "$mode" 2>&1)" || true
      tps[$side]="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")"
      if [[ -z "${tps[$side]}" ]]; then
        tps[$side]=FAILED
        echo "tpcb.sh: $side $mode run $r failed:" >&2; tail -n 5 <<<"$out" >&2
      fi
      fails="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")"
      [[ -n "$fails" && "$fails" != 0 ]] && echo "tpcb.sh: $side $mode run $r: $fails failed transactions" >&2
    done
    ratio="-"
    if [[ "${tps[MiniDB]}" != FAILED && "${tps[PostgreSQL]}" != FAILED ]]; then
      ratio="$(echo "scale=2; ${tps[MiniDB]} / ${tps[PostgreSQL]}" | bc)"
    fi
    printf '%-10s %4s %14s %14s %8s\n' "$mode" "$r" "${tps[MiniDB]}" "${tps[PostgreSQL]}" "$ratio"
  done
done
