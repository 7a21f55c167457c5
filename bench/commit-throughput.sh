#!/usr/bin/env bash
# bench/commit-throughput.sh: commit throughput of MiniDB and PostgreSQL 15, fsync on, same disk, one run.
#   bench/commit-throughput.sh [--seconds S] [--warmup S] [--clients 1,8,32] [--tables one,per-client]
# Starts a throw-away PostgreSQL 15 and a throw-away MiniDB (one temp dir on the same disk, spare ports on
# 127.0.0.1), both at their defaults, runs bench/CommitThroughput.java against both, prints one table with
# commits per second and the ratio, plus this disk's fsync latency, and always stops both servers and deletes
# the temp dir (trap on EXIT). Uses MiniDB's existing build (run ./minidb or bench/run.sh once to build it).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

client_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds|--warmup|--clients|--tables) client_args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "commit-throughput.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=../scripts/java-home.sh
source "$root/scripts/java-home.sh"
java="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/aot-cache.sh
source "$root/scripts/aot-cache.sh"

pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pgbin/postgres" ]] || { echo "commit-throughput.sh: PostgreSQL 15 not found in $pgbin (set PGBIN)" >&2; exit 1; }
pgjdbc="$HOME/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar"
[[ -f "$pgjdbc" ]] || { echo "commit-throughput.sh: pgjdbc 42.7.14 missing ($pgjdbc)" >&2; exit 1; }
jar="$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar"
cpfile="$root/server/target/classpath.txt"
[[ -f "$jar" && -f "$cpfile" ]] || { echo "commit-throughput.sh: MiniDB is not built (run ./minidb --help once)" >&2; exit 1; }

as_pg() { if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {  # the first free port from $1 on (at most 50 tried), other than $2
  local p="$1" i
  for ((i = 0; i < 50; i++, p++)); do
    [[ "$p" == "${2:-}" ]] && continue
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  echo "commit-throughput.sh: no free port from $1" >&2; return 1
}

tmp="$(mktemp -d /tmp/minidb-commit-bench.XXXXXX)"
chmod 755 "$tmp"
mkdir -p "$tmp/pg" "$tmp/minidb" "$tmp/probe"
chown -R postgres "$tmp" 2>/dev/null || true
pg_port="$(pick_port 55450)"
mdb_port="$(pick_port 55451 "$pg_port")"
mdb_pid="" pg_started=0 client_pid=""

cleanup() {
  set +e
  if [[ -n "$client_pid" ]]; then kill -TERM "$client_pid" 2>/dev/null; wait "$client_pid" 2>/dev/null; fi
  if [[ -n "$mdb_pid" ]]; then
    kill -TERM "$mdb_pid" 2>/dev/null
    for ((i = 0; i < 300; i++)); do kill -0 "$mdb_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$mdb_pid" 2>/dev/null && { echo "commit-throughput.sh: MiniDB did not stop within 30 s: killed" >&2; kill -KILL "$mdb_pid"; }
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
  { echo "commit-throughput.sh: $2 did not answer SELECT 1 within 60 s; last lines of its log:"; tail -n 15 "$3"; } >&2
  exit 1
}

echo "bench: $(nproc) cores; $("$java" -version 2>&1 | head -n 1); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'); temp dir $tmp on $(df --output=source "$tmp" | tail -n 1)" >&2

as_pg "$pgbin/initdb" -D "$tmp/pg/data" -A trust -U postgres >"$tmp/pg/initdb.log" 2>&1 \
  || { echo "commit-throughput.sh: initdb failed" >&2; cat "$tmp/pg/initdb.log" >&2; exit 1; }
as_pg "$pgbin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -W \
  -o "-p $pg_port -k $tmp/pg -c listen_addresses=127.0.0.1" start >/dev/null
pg_started=1
wait_ready "$pg_port" PostgreSQL "$tmp/pg/log"

# The same command line as ./minidb's exec (without its build check and AOT training run).
# shellcheck disable=SC2046
"$java" @"$root/scripts/jvm.options" $(minidb_aot_flags "$root") \
  -cp "$jar:$(cat "$cpfile")" \
  org.minidb.server.Main -D "$tmp/minidb/data" -p "$mdb_port" >>"$tmp/minidb/log" 2>&1 &
mdb_pid=$!
wait_ready "$mdb_port" MiniDB "$tmp/minidb/log"

# In the background and waited for, so that a signal runs the trap at once.
status=0
timeout 1800 "$java" -cp "$pgjdbc" "$root/bench/CommitThroughput.java" \
  --a-name MiniDB --a-url "jdbc:postgresql://127.0.0.1:$mdb_port/postgres" \
  --b-name PostgreSQL --b-url "jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
  --fsync-dir "$tmp/probe" "${client_args[@]}" &
client_pid=$!
wait "$client_pid" || status=$?
client_pid=""
(( status == 124 )) && echo "commit-throughput.sh: the client did not finish within 30 min: stopped" >&2
exit "$status"
