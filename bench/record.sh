#!/usr/bin/env bash
# The summary-read benchmark (issue 6, "Performance"), on this machine's PostgreSQL, with its comparison in the same
# run: audited reads of a person's summary, in-process through the module APIs (the decision, its durable log append
# and the reads), from 16 concurrent callers on 100,000 people; then pgbench with 16 clients, each transaction one
# single-row read and one single-row insert, synchronous commit. Target: summary reads/s >= 0.5 x pgbench's tps.
#   bash bench/record.sh                           # the whole run
#   PEOPLE=10000 SECONDS_PER_RUN=10 WARMUP=10 bash bench/record.sh   # a short trial on a smaller population
# The seeded population stays in schema bench_record (and its log key in target/bench/record-hub/): seeding 100,000
# people with their records takes many minutes; drop the schema or delete that directory to seed again.
set -euo pipefail
cd "$(dirname "$0")/.."

db_url="${ECARE_TEST_DB_URL:-jdbc:postgresql://localhost:5432/ecare_test}"
export ECARE_TEST_DB_USER="${ECARE_TEST_DB_USER:-ecare}" ECARE_TEST_DB_PASSWORD="${ECARE_TEST_DB_PASSWORD:-ecare}"
people="${PEOPLE:-100000}"
threads="${THREADS:-16}"
seconds="${SECONDS_PER_RUN:-20}"
warmup="${WARMUP:-30}"
schema="${SCHEMA:-bench_record}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p target/bench

./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp")"

export PGPASSWORD="$ECARE_TEST_DB_PASSWORD"
source bench/pgbench-read-insert.sh
pg() { psql -q -h localhost -U "$ECARE_TEST_DB_USER" -d ecare_test -v ON_ERROR_STOP=1 "$@"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -n 1); $(psql --version)"
echo "synchronous_commit: $(pg -tAc 'show synchronous_commit'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. The hub: THREADS callers, each reading a random person's summary as a social worker of a team involved with them;
# measured cold (few people read before), then again once every person has been read once (the caches warm, as on a
# hub that has been running a while).
java -Xmx4g -cp "$cp" org.ecarehub.record.internal.SummaryReadBenchmark \
  "$db_url" "$schema" "$threads" "$seconds" "$people" "$warmup" | tee "$work/hub.txt"
hub=$(awk '/^summary reads\/s \(warm\):/ {print $4}' "$work/hub.txt")
cold=$(awk '/^summary reads\/s \(cold\):/ {print $4}' "$work/hub.txt")
echo "load average after the hub's run: $(cut -d' ' -f1-3 /proc/loadavg)"

# 2. pgbench in the same run: a table of $people rows to read one of, and a log-like table to insert one row of the
# size of an appended event into, in one transaction, with synchronous commit.
tps=$(pgbench_read_insert "$people" "$threads" "$seconds" "$work")
echo "pgbench: $threads clients, -j 2, ${seconds} s, one single-row read and one single-row insert a transaction: ${tps%.*} tps"

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v h="$hub" -v c="$cold" -v p="$tps" 'BEGIN {
  printf "RESULT: summary reads %.0f/s with every person read once before (%.0f/s cold, ratio %.2f), pgbench %.0f tps, ratio %.2f (target at least 0.50): %s\n",
    h, c, c / p, p, h / p, (h / p >= 0.5 ? "met" : "missed") }'
