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

as_pg() { if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {  # the first free port from $1 on (at most 50 tried), other than $2
  local p="$1" i
  for ((i = 0; i < 50; i++, p++)); do
    [[ "$p" == "${2:-}" ]] && continue
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  echo "tpcb.sh: no free port from $1" >&2; return 1
}

tmp="$(mktemp -d /tmp/minidb-tpcb.XXXXXX)"
chmod 755 "$tmp"
mkdir -p "$tmp/pg" "$tmp/minidb"
chown -R postgres "$tmp" 2>/dev/null || true
pg_port="$(pick_port 55452)"
mdb_port="$(pick_port 55453 "$pg_port")"
mdb_pid="" pg_started=0

cleanup() {
  set +e
  if [[ -n "$mdb_pid" ]]; then
    kill -TERM "$mdb_pid" 2>/dev/null
    for ((i = 0; i < 300; i++)); do kill -0 "$mdb_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$mdb_pid" 2>/dev/null && { echo "tpcb.sh: MiniDB did not stop within 30 s: killed" >&2; kill -KILL "$mdb_pid"; }
    wait "$mdb_pid" 2>/dev/null
  fi
  if (( pg_started )); then as_pg "$pgbin/pg_ctl" -D "$tmp/pg/data" -m fast -t 30 stop >/dev/null 2>&1; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() {  # $1 port, $2 name, $3 log: polls SELECT 1 for at most 60 s
  local i
  for ((i = 0; i < 600; i++)); do
    if PGCONNECT_TIMEOUT=2 "$pgbin/psql" -X -A -t -q -h 127.0.0.1 -p "$1" -U postgres -d postgres \
        -c 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    if [[ "$2" == MiniDB ]] && ! kill -0 "$mdb_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  { echo "tpcb.sh: $2 did not answer SELECT 1 within 60 s; last lines of its log:"; tail -n 15 "$3"; } >&2
  exit 1
}

echo "tpcb: $(nproc) cores; $("$java" -version 2>&1 | head -n 1); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'); $("$pgbench" --version); temp dir $tmp" >&2

as_pg "$pgbin/initdb" -D "$tmp/pg/data" -A trust -U postgres >"$tmp/pg/initdb.log" 2>&1 \
  || { echo "tpcb.sh: initdb failed" >&2; cat "$tmp/pg/initdb.log" >&2; exit 1; }
as_pg "$pgbin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -W \
  -o "-p $pg_port -k $tmp/pg -c listen_addresses=127.0.0.1" start >/dev/null
pg_started=1
wait_ready "$pg_port" PostgreSQL "$tmp/pg/log"

# The same command line as ./minidb's exec (without its build check and AOT cache).
"$java" @"$root/scripts/jvm.options" -cp "$jar:$(cat "$cpfile")" \
  org.minidb.server.Main -D "$tmp/minidb/data" -p "$mdb_port" >>"$tmp/minidb/log" 2>&1 &
mdb_pid=$!
wait_ready "$mdb_port" MiniDB "$tmp/minidb/log"

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
