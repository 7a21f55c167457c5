# bench/lib/servers.sh: what the side-by-side benches share, sourced (not run). A throw-away PostgreSQL 15 and a
# throw-away MiniDB in one temp dir on spare 127.0.0.1 ports, always stopped (and the dir deleted) on exit.
# The caller sets: me (its name, for messages), root, java, pgbin, jar, cpfile; then calls servers_init, and
# start_postgres / start_minidb with the settings both get. Afterwards $tmp, $pg_port and $mdb_port are set.
# A caller with its own background client sets client_pid; stop_servers stops it first.

# shellcheck source=../../scripts/aot-cache.sh
source "$root/scripts/aot-cache.sh"

as_pg() { if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {  # the first free port from $1 on (at most 50 tried), other than $2
  local p="$1" i
  for ((i = 0; i < 50; i++, p++)); do
    [[ "$p" == "${2:-}" ]] && continue
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  echo "$me: no free port from $1" >&2; return 1
}

# $1: temp dir name prefix, $2: first port to try (PostgreSQL gets it or the next free one, MiniDB the one after).
servers_init() {
  tmp="$(mktemp -d "/tmp/$1.XXXXXX")"
  chmod 755 "$tmp"
  mkdir -p "$tmp/pg" "$tmp/minidb"
  chown -R postgres "$tmp" 2>/dev/null || true
  pg_port="$(pick_port "$2")"
  mdb_port="$(pick_port $(($2 + 1)) "$pg_port")"
  mdb_pid="" pg_started=0 client_pid=""
  trap stop_servers EXIT
  trap 'exit 130' INT TERM
}

stop_servers() {
  set +e
  if [[ -n "$client_pid" ]]; then kill -TERM "$client_pid" 2>/dev/null; wait "$client_pid" 2>/dev/null; fi
  if [[ -n "$mdb_pid" ]]; then
    kill -TERM "$mdb_pid" 2>/dev/null
    for ((i = 0; i < 300; i++)); do kill -0 "$mdb_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$mdb_pid" 2>/dev/null && { echo "$me: MiniDB did not stop within 30 s: killed" >&2; kill -KILL "$mdb_pid"; }
    wait "$mdb_pid" 2>/dev/null
  fi
  if (( pg_started )); then as_pg "$pgbin/pg_ctl" -D "$tmp/pg/data" -m fast -t 30 stop >/dev/null 2>&1; fi
  rm -rf "$tmp"
}

wait_ready() {  # $1 port, $2 name, $3 log: polls SELECT 1 for at most 60 s
  local i
  for ((i = 0; i < 600; i++)); do
    if PGCONNECT_TIMEOUT=2 "$pgbin/psql" -X -A -t -q -h 127.0.0.1 -p "$1" -U postgres -d postgres \
        -c 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    if [[ "$2" == MiniDB ]] && ! kill -0 "$mdb_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  { echo "$me: $2 did not answer SELECT 1 within 60 s; last lines of its log:"; tail -n 15 "$3"; } >&2
  exit 1
}

start_postgres() {  # $@: -c name=value settings
  as_pg "$pgbin/initdb" -D "$tmp/pg/data" -A trust -U postgres >"$tmp/pg/initdb.log" 2>&1 \
    || { echo "$me: initdb failed" >&2; cat "$tmp/pg/initdb.log" >&2; exit 1; }
  as_pg "$pgbin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -W \
    -o "-p $pg_port -k $tmp/pg -c listen_addresses=127.0.0.1 $*" start >/dev/null
  pg_started=1
  wait_ready "$pg_port" PostgreSQL "$tmp/pg/log"
}

start_minidb() {  # $@: -c name=value settings. The same command line as ./minidb's exec, without its build check.
  # shellcheck disable=SC2046
  "$java" @"$root/scripts/jvm.options" $(minidb_aot_flags "$root") \
    -cp "$jar:$(cat "$cpfile")" \
    org.minidb.server.Main -D "$tmp/minidb/data" -p "$mdb_port" "$@" >>"$tmp/minidb/log" 2>&1 &
  mdb_pid=$!
  wait_ready "$mdb_port" MiniDB "$tmp/minidb/log"
}
