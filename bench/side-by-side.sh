#!/usr/bin/env bash
# bench/side-by-side.sh: runs one single-file Java workload against a throw-away MiniDB and a throw-away
# PostgreSQL 15, started side by side on this machine with the same settings.
#   bench/side-by-side.sh --workload bench/X.java [-c name=value ...] [--timeout S] [-- workload options]
# Both servers get one temp dir on the same disk, spare ports on 127.0.0.1, their defaults plus the -c settings.
# The workload gets --a-name MiniDB --a-url ... --b-name PostgreSQL --b-url ... --scratch-dir DIR, then the
# options after --. Both servers are always stopped and the temp dir deleted (trap on EXIT). Uses MiniDB's
# existing build (run ./minidb --help once to build it).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

workload="" settings=() client_args=() timeout_s=1800
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workload) workload="$2"; shift 2 ;;
    -c) settings+=("-c" "$2"); shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --) shift; client_args+=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "side-by-side.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ -f "$workload" ]] || { echo "side-by-side.sh: --workload FILE.java is required" >&2; exit 2; }

# shellcheck source=../scripts/java-home.sh
source "$root/scripts/java-home.sh"
java="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/aot-cache.sh
source "$root/scripts/aot-cache.sh"

pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pgbin/postgres" ]] || { echo "side-by-side.sh: PostgreSQL 15 not found in $pgbin (set PGBIN)" >&2; exit 1; }
pgjdbc="$HOME/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar"
[[ -f "$pgjdbc" ]] || { echo "side-by-side.sh: pgjdbc 42.7.14 missing ($pgjdbc)" >&2; exit 1; }
jar="$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar"
cpfile="$root/server/target/classpath.txt"
[[ -f "$jar" && -f "$cpfile" ]] || { echo "side-by-side.sh: MiniDB is not built (run ./minidb --help once)" >&2; exit 1; }

as_pg() { if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {  # the first free port from $1 on (at most 50 tried), other than $2
  local p="$1" i
  for ((i = 0; i < 50; i++, p++)); do
    [[ "$p" == "${2:-}" ]] && continue
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  echo "side-by-side.sh: no free port from $1" >&2; return 1
}

tmp="$(mktemp -d /tmp/minidb-side-by-side.XXXXXX)"
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
    kill -0 "$mdb_pid" 2>/dev/null && { echo "side-by-side.sh: MiniDB did not stop within 30 s: killed" >&2; kill -KILL "$mdb_pid"; }
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
  { echo "side-by-side.sh: $2 did not answer SELECT 1 within 60 s; last lines of its log:"; tail -n 15 "$3"; } >&2
  exit 1
}

echo "bench: $(nproc) cores; $("$java" -version 2>&1 | head -n 1); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'); temp dir $tmp on $(df --output=source "$tmp" | tail -n 1)" >&2

as_pg "$pgbin/initdb" -D "$tmp/pg/data" -A trust -U postgres >"$tmp/pg/initdb.log" 2>&1 \
  || { echo "side-by-side.sh: initdb failed" >&2; cat "$tmp/pg/initdb.log" >&2; exit 1; }
as_pg "$pgbin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -W \
  -o "-p $pg_port -k $tmp/pg -c listen_addresses=127.0.0.1 ${settings[*]}" start >/dev/null
pg_started=1
wait_ready "$pg_port" PostgreSQL "$tmp/pg/log"

# The same command line as ./minidb's exec (without its build check and AOT training run).
# shellcheck disable=SC2046
"$java" @"$root/scripts/jvm.options" $(minidb_aot_flags "$root") \
  -cp "$jar:$(cat "$cpfile")" \
  org.minidb.server.Main -D "$tmp/minidb/data" -p "$mdb_port" "${settings[@]}" >>"$tmp/minidb/log" 2>&1 &
mdb_pid=$!
wait_ready "$mdb_port" MiniDB "$tmp/minidb/log"

# In the background and waited for, so that a signal runs the trap at once.
status=0
timeout "$timeout_s" "$java" -cp "$pgjdbc" "$workload" \
  --a-name MiniDB --a-url "jdbc:postgresql://127.0.0.1:$mdb_port/postgres" \
  --b-name PostgreSQL --b-url "jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
  --scratch-dir "$tmp/probe" "${client_args[@]}" &
client_pid=$!
wait "$client_pid" || status=$?
client_pid=""
(( status == 124 )) && echo "side-by-side.sh: the workload did not finish within $timeout_s s: stopped" >&2
exit "$status"
