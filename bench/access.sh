#!/usr/bin/env bash
# The access decision benchmark (issue 5): one decision in-process with warm caches, excluding the log append, on a
# generated partnership of 20 agencies and 2,000 staff with 100,000 people; for comparison, in the same run, the same
# decision with cold caches and the whole decide with its log append. JMH (AccessDecisionBenchmark in the test
# sources) prints the median and p99 of each. docs/benchmarks.md records the figures.
#   bash bench/access.sh                        # the whole run: the three benchmarks, one fork each
#   bash bench/access.sh warm -p people=2000    # one benchmark (warm, cold or logged), then JMH's own options
#   bash bench/access.sh -p people=2000 -i 1    # all three, with JMH's options
# The seeded hub stays in target/bench/access-hub/PEOPLE-STAFF (seeding 100,000 people takes minutes); delete it to
# seed again.
set -euo pipefail
cd "$(dirname "$0")/.."

keep="target/bench"
mkdir -p "$keep"

./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$keep/cp" >/dev/null
cp="target/test-classes:target/classes:$(cat "$keep/cp")"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -n 1); load: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ $# -eq 0 ] || [ "${1#-}" != "$1" ]; then
  set -- 'AccessDecisionBenchmark' "$@"
else
  first="$1"; shift
  set -- "AccessDecisionBenchmark.$first" "$@"
fi
# The fork runs on this classpath too; -rf json keeps every percentile.
java -cp "$cp" org.openjdk.jmh.Main "$@" -rf json -rff "$keep/access.json"
