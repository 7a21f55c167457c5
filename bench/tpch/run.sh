#!/usr/bin/env bash
# bench/tpch/run.sh: TPC-H on MiniDB and PostgreSQL 15 side by side. See bench/README.md.
#   bench/tpch/run.sh [--sf 0.01] [--runs 3] [--timeout 300] [--queries 1,2,..] [--golden DIR] [--keys]
# Starts a throw-away PostgreSQL 15 and MiniDB (temp data directories, spare ports on 127.0.0.1, existing
# MiniDB build: run ./minidb or bench/run.sh once to build), runs bench/tpch/Tpch.java against both (load the
# same generated data, run the 22 queries, compare, time), and always stops both and deletes the temp dir.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --sf|--runs|--timeout|--queries|--golden) args+=("$1" "$2"); shift 2 ;;
    --keys) args+=(--keys keys.sql); shift ;;
    *) echo "tpch/run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=../../scripts/java-home.sh
source "$root/scripts/java-home.sh"
java="$JAVA_HOME/bin/java"
pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pgbin/postgres" ]] || { echo "tpch/run.sh: PostgreSQL 15 not found in $pgbin (set PGBIN)" >&2; exit 1; }
jar="$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar"
stamp="$root/server/target/classpath.txt"
[[ -f "$jar" && -f "$stamp" ]] || { echo "tpch/run.sh: no MiniDB build: run ./minidb --help (it builds) first" >&2; exit 1; }

# The client's class path: pgjdbc, the TPC-H generator and its one dependency, fetched into ~/.m2 when missing.
m2="$HOME/.m2/repository"
cp=""
for gav in org.postgresql:postgresql:42.7.14 io.trino.tpch:tpch:1.2 com.google.guava:guava:33.4.8-jre; do
  IFS=: read -r g a v <<<"$gav"
  f="$m2/${g//.//}/$a/$v/$a-$v.jar"
  [[ -f "$f" ]] || ./mvnw -q -B dependency:get -Dartifact="$gav" >&2 || { echo "tpch/run.sh: could not resolve $gav" >&2; exit 1; }
  cp+="${cp:+:}$f"
done

as_pg() { if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { local p; for ((p = $1; p < $1 + 50; p++)); do [[ "$p" != "${2:-}" ]] && port_free "$p" && { echo "$p"; return; }; done; return 1; }

tmp="$(mktemp -d /tmp/minidb-tpch.XXXXXX)"
chmod 755 "$tmp"
pg_started=0 minidb_pid="" client_pid=""
cleanup() {
  set +e
  [[ -n "$client_pid" ]] && { kill -TERM "$client_pid" 2>/dev/null; wait "$client_pid" 2>/dev/null; }
  (( pg_started )) && as_pg "$pgbin/pg_ctl" -D "$tmp/pg" -m fast -t 30 stop >/dev/null 2>&1
  if [[ -n "$minidb_pid" ]]; then
    kill -TERM "$minidb_pid" 2>/dev/null
    for ((i = 0; i < 300; i++)); do kill -0 "$minidb_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$minidb_pid" 2>/dev/null
    wait "$minidb_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_port="$(pick_port 55460)"
minidb_port="$(pick_port 55461 "$pg_port")"
chown postgres "$tmp" 2>/dev/null || true
as_pg "$pgbin/initdb" -D "$tmp/pg" -A trust -U postgres >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
as_pg "$pgbin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -W -o "-p $pg_port -k $tmp -c listen_addresses=127.0.0.1" start >/dev/null
pg_started=1
# shellcheck source=../../scripts/aot-cache.sh
source "$root/scripts/aot-cache.sh"
# shellcheck disable=SC2046
"$java" @"$root/scripts/jvm.options" $(minidb_aot_flags "$root") -cp "$jar:$(cat "$stamp")" \
  org.minidb.server.Main -D "$tmp/minidb" -p "$minidb_port" -h 127.0.0.1 >"$tmp/minidb.log" 2>&1 &
minidb_pid=$!
for ((i = 0; i < 3000; i++)); do  # at most 60 s
  "$pgbin/psql" -X -A -t -q -h 127.0.0.1 -p "$minidb_port" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1 && break
  kill -0 "$minidb_pid" 2>/dev/null || { echo "tpch/run.sh: MiniDB exited:" >&2; tail -n 20 "$tmp/minidb.log" >&2; exit 1; }
  sleep 0.02
done

status=0
timeout 7200 "$java" -cp "$cp" "$root/bench/tpch/Tpch.java" \
  --a-url "jdbc:postgresql://127.0.0.1:$minidb_port/postgres" --b-url "jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
  "${args[@]}" &
client_pid=$!
wait "$client_pid" || status=$?
client_pid=""
(( status == 124 )) && echo "tpch/run.sh: the client did not finish within 2 hours: stopped" >&2
exit "$status"
