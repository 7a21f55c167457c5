#!/usr/bin/env bash
# bench/join-planning.sh: planning time of 2..20-table inner joins (chain and star), exhaustive dynamic
# programming up to 12 tables, greedy beyond (planner/join). Prints the median and maximum of 30 plans after
# 10 warm-up plans per query, planner only (no server, no execution). Builds the planner module's tests first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=../scripts/java-home.sh
source "$root/scripts/java-home.sh"
export JAVA_HOME
./mvnw -o -q -B -pl planner -am test -Dtest=JoinPlanningBenchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Djoin.bench=true 2>/dev/null | grep -E "tables: median"
