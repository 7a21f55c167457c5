# Sourced by ./minidb and ./run-tests: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, then /usr/lib/jvm/*25*, otherwise a clear error.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
minidb_find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then export JAVA_HOME; return 0; fi
  fi
  for d in /usr/lib/jvm/*25* /usr/lib/jvm/*-2[6-9]* ; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then export JAVA_HOME="$d"; return 0; fi
  done
  echo "MiniDB needs a JDK 25 or newer: set JAVA_HOME to one (none found under /usr/lib/jvm)." >&2
  return 1
}
minidb_find_java || exit 1
