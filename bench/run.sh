#!/usr/bin/env bash
# bench/run.sh: MiniDB and PostgreSQL 15 side by side in one run, with ratios. See bench/README.md.
#   bench/run.sh [--runs N] [--restarts N] [--rows N] [--no-build] [--pg-both] [--keep-logs DIR]
# Starts a throw-away PostgreSQL 15 and a throw-away MiniDB (temp data directories, spare ports on
# 127.0.0.1), measures each from process launch to its first answered SELECT 1, runs bench/Workload.java
# against both, prints one table, and always stops both servers and deletes the temp dirs (trap on EXIT).
# Both sides keep their default durability (fsync on commit): the table's notes show each side's settings.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs=5 restarts=3 rows=200000 build=1 pg_both=0 keep_logs=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --restarts) restarts="$2"; shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --pg-both) pg_both=1; shift ;;  # side A is a second PostgreSQL: checks the harness itself (ratios ~1)
    --keep-logs) keep_logs="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=../scripts/java-home.sh
source "$root/scripts/java-home.sh"
java="$JAVA_HOME/bin/java"

pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pgbin/postgres" ]] || { echo "run.sh: PostgreSQL 15 not found in $pgbin (set PGBIN)" >&2; exit 1; }

# pgjdbc for the workload client: the version the project's tests use, fetched into ~/.m2 when missing.
pgjdbc="$HOME/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar"
if [[ ! -f "$pgjdbc" ]]; then
  ./mvnw -q -B dependency:get -Dartifact=org.postgresql:postgresql:42.7.14 >&2 \
    || { echo "run.sh: could not resolve pgjdbc 42.7.14" >&2; exit 1; }
fi

# PostgreSQL refuses to run as root: its commands run as the postgres OS user when we are root.
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

now_ns() { date +%s%N; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {  # the first free port from $1 on, skipping ports already taken by this run
  local p="$1" i
  for ((i = 0; i < 50; i++, p++)); do
    [[ " ${taken_ports:-} " == *" $p "* ]] && continue
    if port_free "$p"; then taken_ports="${taken_ports:-} $p"; echo "$p"; return 0; fi
  done
  echo "run.sh: no free port from $1" >&2; return 1
}

tmp="$(mktemp -d /tmp/minidb-bench.XXXXXX)"
chmod 755 "$tmp"
declare -A kind port pid dir log   # per side a|b: kind (minidb|pg), port, server pid, data dir, log file

stop_side() {
  local s="$1" p="${pid[$1]:-}" i
  [[ -n "$p" ]] || return 0
  if [[ "${kind[$s]}" == pg ]]; then
    as_pg "$pgbin/pg_ctl" -D "${dir[$s]}" -m fast -t 30 stop >/dev/null 2>&1 || kill -KILL "$p" 2>/dev/null || true
  else
    kill -TERM "$p" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$p" 2>/dev/null && { echo "run.sh: MiniDB did not stop within 30 s: killed" >&2; kill -KILL "$p" 2>/dev/null || true; }
    wait "$p" 2>/dev/null || true
  fi
  pid[$s]=""
}

cleanup() {
  set +e
  if [[ -n "${workload_pid:-}" ]]; then kill -TERM "$workload_pid" 2>/dev/null; wait "$workload_pid" 2>/dev/null; fi
  for s in a b; do stop_side "$s"; done
  if [[ -n "$keep_logs" ]]; then mkdir -p "$keep_logs" && cp "$tmp"/*.log "$keep_logs"/ 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Launches side $1's server in the background; sets pid[$1] (MiniDB) and launched (ns).
launch() {
  local s="$1"
  log_offset="$(stat -c %s "${log[$s]}" 2>/dev/null || echo 0)"
  launched="$(now_ns)"
  if [[ "${kind[$s]}" == pg ]]; then
    as_pg "$pgbin/pg_ctl" -D "${dir[$s]}" -l "${log[$s]}" -W \
      -o "-p ${port[$s]} -k $tmp/$s -c listen_addresses=127.0.0.1" start >/dev/null
  else
    # The same command line as ./minidb's exec, without its build check (done once, below, before timing).
    # shellcheck disable=SC2046
    "$java" @"$root/scripts/jvm.options" $(minidb_aot_flags "$root") \
      -cp "$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar:$(cat "$root/server/target/classpath.txt")" \
      org.minidb.server.Main -D "${dir[$s]}" -p "${port[$s]}" >>"${log[$s]}" 2>&1 &
    pid[$s]=$!
  fi
}

# Waits (at most 60 s) for side $1 to answer SELECT 1; sets ms to the ms since $launched, or "failed".
# (Functions here set globals rather than print: a $(...) subshell would lose the server's pid.)
wait_ready() {
  local s="$1" deadline=$(( $(now_ns) + 60000000000 ))
  ms=failed
  while (( $(now_ns) < deadline )); do
    if PGCONNECT_TIMEOUT=2 "$pgbin/psql" -X -A -t -q -h 127.0.0.1 -p "${port[$s]}" -U postgres -d postgres \
        -c 'SELECT 1' >/dev/null 2>&1; then
      ms=$(( ($(now_ns) - launched) / 1000000 ))
      if [[ "${kind[$s]}" == pg ]]; then pid[$s]="$(head -n 1 "${dir[$s]}/postmaster.pid")"; fi
      return 0
    fi
    if [[ "${kind[$s]}" == minidb ]] && ! kill -0 "${pid[$s]}" 2>/dev/null; then break; fi
    if [[ "${kind[$s]}" == pg ]] && tail -c +"$((log_offset + 1))" "${log[$s]}" 2>/dev/null | grep -q 'database system is shut down'; then break; fi
    sleep 0.02
  done
}

start_measured() {  # starts side $1; sets ms to its launch-to-first-answer ms (or "failed", with the log's tail)
  local s="$1"
  ms=failed
  launch "$s" || return 0
  wait_ready "$s"
  if [[ "$ms" == failed ]]; then
    { echo "run.sh: ${name[$s]} did not answer SELECT 1 within 60 s; last lines of its log:"; tail -n 15 "${log[$s]}"; } >&2
    stop_side "$s"
  fi
}

declare -A name
name[a]=MiniDB name[b]=PostgreSQL
kind[a]=minidb kind[b]=pg
if (( pg_both )); then kind[a]=pg; name[a]=PG-as-A; fi
port[b]="$(pick_port 55440)"
port[a]="$(pick_port 55441)"
for s in a b; do log[$s]="$tmp/${name[$s]}.log"; mkdir -p "$tmp/$s"; dir[$s]="$tmp/$s/data"; done
chown -R postgres "$tmp" 2>/dev/null || true

echo "bench: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $("$java" -version 2>&1 | head -n 1); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}')" >&2

# MiniDB's build: like ./minidb, build when the server jar is missing or older than any source or pom.
a_broken=0
if [[ "${kind[a]}" == minidb ]]; then
  stamp="$root/server/target/classpath.txt"
  jar="$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar"
  stale=0
  if [[ ! -f "$stamp" || ! -f "$jar" ]]; then stale=1
  elif [[ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src -newer "$stamp" -print -quit 2>/dev/null)" ]]; then stale=1; fi
  if (( stale && build )); then
    echo "bench: building MiniDB (./mvnw -q -B -DskipTests install) ..." >&2
    if ./mvnw -q -B -DskipTests install >"$tmp/build.log" 2>&1; then touch "$stamp"
    else echo "run.sh: the MiniDB build failed (tail below); MiniDB's figures will be FAILED" >&2; tail -n 20 "$tmp/build.log" >&2; a_broken=1; fi
  elif (( stale )); then
    echo "bench: --no-build: using the existing MiniDB build although sources are newer" >&2
  fi
  [[ -f "$jar" && -f "$stamp" ]] || a_broken=1
  # like ./minidb: the AOT cache of a fresh build is made here, untimed, as part of building
  # shellcheck source=../scripts/aot-cache.sh
  source "$root/scripts/aot-cache.sh"
  (( a_broken )) || minidb_aot_cache "$root" "$java"
fi

# First start: PostgreSQL's includes initdb; MiniDB creates and bootstraps its data directory itself.
first_start() {  # sets ms
  local s="$1" t0
  ms=failed
  if [[ "${kind[$s]}" == pg ]]; then
    t0="$(now_ns)"
    if ! as_pg "$pgbin/initdb" -D "${dir[$s]}" -A trust -U postgres >"$tmp/initdb-$s.log" 2>&1; then
      echo "run.sh: initdb failed" >&2; cat "$tmp/initdb-$s.log" >&2; return 0
    fi
    start_measured "$s"
    if [[ "$ms" != failed ]]; then ms=$(( ($(now_ns) - t0) / 1000000 )); fi  # initdb through the first answer
  else
    start_measured "$s"
  fi
}

echo "bench: first start of each server ..." >&2
first_a=failed
if (( ! a_broken )); then first_start a; first_a="$ms"; fi
first_start b; first_b="$ms"
[[ "$first_b" == failed ]] && { echo "run.sh: PostgreSQL did not start: nothing to compare with" >&2; exit 1; }
stop_side a; stop_side b

# Restarts on the existing data directories, interleaved A, B, A, B; the last round stays up for the workload.
startup_a="" startup_b=""
echo "bench: $restarts restarts of each server ..." >&2
for ((i = 1; i <= restarts; i++)); do
  if [[ "$first_a" != failed ]]; then
    start_measured a; startup_a+="$ms,"
    if [[ "$ms" == failed ]]; then first_a=failed; fi  # do not try again
    if (( i < restarts )); then stop_side a; fi
  fi
  start_measured b; startup_b+="$ms,"
  [[ "$ms" == failed ]] && { echo "run.sh: PostgreSQL did not restart" >&2; exit 1; }
  if (( i < restarts )); then stop_side b; fi
done
[[ -z "$startup_a" ]] && startup_a=failed

echo "bench: workload (runs=$runs, rows=$rows) ..." >&2
# In the background and waited for, so that a signal runs the trap at once (bash defers traps while a
# foreground child runs) and the trap can stop the client too.
status=0
timeout 3600 "$java" -cp "$pgjdbc" "$root/bench/Workload.java" \
  --a-name "${name[a]}" --a-url "jdbc:postgresql://127.0.0.1:${port[a]}/postgres" --a-pid "${pid[a]:-0}" \
  --b-name "${name[b]}" --b-url "jdbc:postgresql://127.0.0.1:${port[b]}/postgres" --b-pid "${pid[b]:-0}" \
  --runs "$runs" --rows "$rows" --first-a "$first_a" --first-b "$first_b" \
  --startup-a "$startup_a" --startup-b "$startup_b" &
workload_pid=$!
wait "$workload_pid" || status=$?
workload_pid=""
(( status == 124 )) && echo "run.sh: the workload did not finish within an hour: stopped" >&2
exit "$status"
