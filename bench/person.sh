#!/usr/bin/env bash
# Benchmarks of the person index's matching on this machine, with the comparison figures measured in the same run.
# Figures go to standard output; docs/benchmarks.md records them.
#   bash bench/person.sh                 # all three parts
#   ONLY=accuracy bash bench/person.sh   # one part: accuracy, link or online
set -euo pipefail
cd "$(dirname "$0")/.."

only="${ONLY:-all}"
keep="target/bench"
mkdir -p "$keep"

./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$keep/cp" >/dev/null
cp="target/test-classes:target/classes:$(cat "$keep/cp")"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -n 1)"

if [ "$only" = all ] || [ "$only" = accuracy ]; then
  # Clustered precision and recall, true pairs left to review and review pairs per 1,000 records on 20,000
  # generated people at six agencies, at the default thresholds and across others (three seeds).
  for seed in 1 2 3; do
    java -Xmx4g -cp "$cp" org.ecarehub.person.matching.LinkAccuracy 20000 "$seed"
  done
fi

if [ "$only" = all ] || [ "$only" = link ]; then
  # ./ecare link on about 1,000,000 records in six files, with at most 4 GB of heap; for comparison, the same run
  # with one comparing thread.
  people="$keep/people1m"
  if [ ! -f "$people/nhs-lanarkshire.csv" ]; then
    java -Xmx3g -cp "$cp" org.ecarehub.person.population.PopulationFiles --people 503000 --seed 7 --out "$people"
  fi
  files=$(ls "$people"/*.csv | grep -v truth.csv)
  ./ecare --version >/dev/null
  for threads in 2 1; do
    /usr/bin/time -f "wall %e s, max resident %M KB" env ECARE_JAVA_OPTS="-Xmx4g" ./ecare link --threads "$threads" \
      --out "$keep/pairs.csv" --clusters "$keep/clusters.csv" $files
  done
fi

if [ "$only" = all ] || [ "$only" = online ]; then
  # One record at a time against the index of about 1,000,000 people (2,000,000 records); for comparison, the cost
  # of scoring a record against every indexed record.
  java -Xmx14g -cp "$cp" org.ecarehub.person.matching.OnlineMatchBenchmark 1010000 10000
fi
