# Sourced by ./minidb and bench/run.sh (after their build check, before the timed start): the JDK 25 AOT cache
# (JEP 483/514) of the server, server/target/minidb.aot. It holds the classes Calcite and the server load and
# link at start, already parsed and linked, which roughly halves the time from launch to the first answered
# query. The JVM checks the cache against the class path (jar sizes and times) and ignores a stale one, so a
# missing or stale cache only costs speed, never correctness.
#
# minidb_aot_cache ROOT JAVA   creates the cache when missing or older than a jar of the server, by a training
#                              run: a throw-away server on a temp data directory and a spare port, a few
#                              statements through psql (when installed), then a clean shutdown, at which the
#                              JVM writes the cache. Best effort: on any failure the server simply runs without.
# minidb_aot_flags ROOT        prints the flags that use the cache, if there is a current one.
minidb_aot_cache() {
  local root="$1" java="$2"
  local jar="$root/server/target/minidb-server-0.1.0-SNAPSHOT.jar" cp="$root/server/target/classpath.txt"
  local aot="$root/server/target/minidb.aot"
  minidb_aot_current "$aot" "$jar" "$cp" && return 0
  local tmp port p i pid
  tmp="$(mktemp -d /tmp/minidb-aot.XXXXXX)" || return 0
  port=""
  for ((p = 55990; p < 56040; p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [[ -n "$port" ]] || { rm -rf "$tmp"; return 0; }
  echo "minidb: creating the AOT cache for a faster start (one training run) ..." >&2
  rm -f "$aot"
  "$java" @"$root/scripts/jvm.options" -XX:AOTCacheOutput="$aot.$$.tmp" -Xlog:aot=off -Xlog:cds=off \
    -cp "$jar:$(cat "$cp")" org.minidb.server.Main -D "$tmp/data" -p "$port" -h 127.0.0.1 >"$tmp/log" 2>&1 &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    if grep -q "ready to accept connections" "$tmp/log" 2>/dev/null; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.05
  done
  if command -v psql >/dev/null 2>&1; then
    # the statements every session runs early: catalog, DDL, a multi-row INSERT, scans, aggregate, join, sort
    timeout 120 psql -q -X -h 127.0.0.1 -p "$port" -U postgres -d postgres >/dev/null 2>&1 <<'SQL' || true
SELECT 1;
CREATE TABLE aot_t (id int, k int, v text);
INSERT INTO aot_t VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 1, 'c');
CREATE TABLE aot_u (k int, name text);
INSERT INTO aot_u VALUES (1, 'x'), (2, 'y');
SELECT count(*), sum(k) FROM aot_t;
SELECT count(*) FROM aot_t WHERE k < 2;
SELECT count(*) FROM aot_t JOIN aot_u ON aot_t.k = aot_u.k;
SELECT id, k, v FROM aot_t ORDER BY k DESC LIMIT 2;
SELECT k, count(*) FROM aot_t GROUP BY k;
UPDATE aot_t SET v = 'd' WHERE id = 3;
DELETE FROM aot_t WHERE id = 2;
DROP TABLE aot_t;
DROP TABLE aot_u;
SQL
  else
    sleep 3 # the planner's own warm-up at start
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 600; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ -s "$aot.$$.tmp" ]]; then mv -f "$aot.$$.tmp" "$aot"; else rm -f "$aot.$$.tmp"; echo "minidb: no AOT cache (the training run failed): starting without one" >&2; fi
  rm -rf "$tmp"
  return 0
}

# True if the cache exists and is newer than the server jar and every jar of the class path (any rebuilt
# module makes the JVM refuse the cache, so it is rebuilt too).
minidb_aot_current() {
  local aot="$1" jar="$2" cp="$3" f
  [[ -f "$aot" && "$aot" -nt "$jar" && "$aot" -nt "$cp" ]] || return 1
  local IFS=:
  for f in $(cat "$cp"); do
    [[ -e "$f" && "$f" -nt "$aot" ]] && return 1
  done
  return 0
}

minidb_aot_flags() {
  local aot="$1/server/target/minidb.aot"
  if minidb_aot_current "$aot" "$1/server/target/minidb-server-0.1.0-SNAPSHOT.jar" "$1/server/target/classpath.txt"; then echo "-XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off"; fi
}
