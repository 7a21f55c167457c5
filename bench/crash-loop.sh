#!/usr/bin/env bash
# bench/crash-loop.sh: the kill -9 crash loop of issue 5 (server/src/test/.../e2e/CrashLoopTest) for many cycles.
#   bench/crash-loop.sh [--cycles N] [--minutes M] [--build]
# Each cycle starts the server (fsync=on) on one data directory, loads it from 4 autocommit pgjdbc clients
# (multi-row INSERT batches, balance transfers), SIGKILLs it after a random 0.2-1.5 s, restarts it and checks
# that every acknowledged batch is whole, no batch is partial, and the balance sum is unchanged.
# Stops after N cycles or M minutes, whichever comes first; prints the cycle count and the result.
# Without --build it uses the modules installed in ~/.m2 (mvn install); --build builds and installs them first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/java-home.sh

cycles=300 minutes=10 am=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cycles) cycles="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --build) am="-am"; shift ;;
    *) echo "usage: $0 [--cycles N] [--minutes M] [--build]" >&2; exit 2 ;;
  esac
done

out="$(mktemp)"
jars="$(mktemp -d)"
trap 'rm -f "$out"; rm -rf "$jars"' EXIT
if [[ -n "$am" ]]; then ./mvnw -q -B -ntp -o -pl server -am install -DskipTests; fi
# The server runs from a private copy of its class path: a module rebuilt during a long run (mvn install
# rewrites the jars in ~/.m2) must not break a server start half way.
./mvnw -q -B -ntp -o -pl server dependency:build-classpath -Dmdep.outputFile="$jars/cp.txt" >/dev/null
cp -r server/target/classes "$jars/server-classes"
cp=""
IFS=: read -r -a entries <"$jars/cp.txt" || true  # no final newline: read says 1
for e in "${entries[@]}"; do
  cp -p "$e" "$jars/" && cp="$cp:$jars/$(basename "$e")"
done
cp="$jars/server-classes$cp"
start=$(date +%s)
set +e
./mvnw -B -ntp -o -pl server test -Dtest=CrashLoopTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrash.cycles="$cycles" -Dcrash.seconds=$((minutes * 60)) -Dcrash.classpath="$cp" >"$out" 2>&1
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))
summary="$(grep -o 'crash loop: .*' "$out" | tail -n 1 || true)"
if [[ $rc -eq 0 && -n "$summary" ]]; then
  echo "PASS in ${elapsed}s - $summary"
else
  grep -E 'cycle [0-9]+|FAIL|ERROR|AssertionFailedError' "$out" | head -n 40 >&2 || true
  echo "FAIL (exit $rc) after ${elapsed}s; full output kept in ${out}.log" >&2
  cp "$out" "${out}.log"
  exit 1
fi
