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

pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pgbin/postgres" ]] || { echo "side-by-side.sh: PostgreSQL 15 not found in $pgbin (set PGBIN)" >&2; exit 1; }
pgjdbc="$HOME/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar"
[[ -f "$pgjdbc" ]] || { echo "side-by-side.sh: pgjdbc 42.7.14 missing ($pgjdbc)" >&2; exit 1; }
jar="$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar"
cpfile="$root/server/target/classpath.txt"
[[ -f "$jar" && -f "$cpfile" ]] || { echo "side-by-side.sh: MiniDB is not built (run ./minidb --help once)" >&2; exit 1; }

me=side-by-side.sh
# shellcheck source=lib/servers.sh
source "$root/bench/lib/servers.sh"
servers_init minidb-side-by-side 55450
mkdir -p "$tmp/probe"

echo "bench: $(nproc) cores; $("$java" -version 2>&1 | head -n 1); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'); temp dir $tmp on $(df --output=source "$tmp" | tail -n 1)" >&2

start_postgres "${settings[@]}"
start_minidb "${settings[@]}"

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
