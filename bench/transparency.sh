#!/usr/bin/env bash
# Benchmarks of the transparency log on this machine's PostgreSQL (started and set up as .ci/run does), with the
# comparison figures measured in the same run. Figures go to standard output; docs/benchmarks.md records them.
#   LEAVES=10000000 bash bench/transparency.sh        # the whole run (the bulk load takes several minutes)
#   ONLY=append bash bench/transparency.sh            # one part: append, load, proofs or verify (the last two on
#                                                     # the log that load left in schema bench_log)
set -euo pipefail
cd "$(dirname "$0")/.."

db_url="${ECARE_TEST_DB_URL:-jdbc:postgresql://localhost:5432/ecare_test}"
export ECARE_TEST_DB_USER="${ECARE_TEST_DB_USER:-ecare}" ECARE_TEST_DB_PASSWORD="${ECARE_TEST_DB_PASSWORD:-ecare}"
leaves="${LEAVES:-10000000}"
threads="${THREADS:-16}"
seconds="${SECONDS_PER_RUN:-20}"
only="${ONLY:-all}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The bulk-loaded log and its key stay for a later ONLY=verify or ONLY=proofs run (schema bench_log).
keep="target/bench"
mkdir -p "$keep"
key="$keep/log-key.pem"

./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp")"
bench() { java -Xmx4g -cp "$cp" org.ecarehub.transparency.internal.LogBenchmarks "$@"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(psql --version)"
export PGPASSWORD="$ECARE_TEST_DB_PASSWORD"
pg() { psql -q -h localhost -U "$ECARE_TEST_DB_USER" -d ecare_test -v ON_ERROR_STOP=1 "$@"; }

if [ "$only" = all ] || [ "$only" = append ]; then
  echo "synchronous_commit: $(pg -tAc 'show synchronous_commit')"
  pg -c "drop table if exists bench_insert; create table bench_insert (id bigserial primary key, payload text)"
  # A row of the size of an appended event; one row a transaction, then 100 rows a transaction.
  echo "insert into bench_insert (payload) values (repeat('x', 450));" > "$work/one.sql"
  { echo "begin;"; for _ in $(seq 100); do echo "insert into bench_insert (payload) values (repeat('x', 450));"; done;
    echo "commit;"; } > "$work/hundred.sql"
  tps1=$(pgbench -n -h localhost -U "$ECARE_TEST_DB_USER" -c "$threads" -j 2 -T "$seconds" -f "$work/one.sql" ecare_test \
    | awk '/^tps/ {print $3}')
  echo "pgbench: $threads clients, 1 row a transaction: ${tps1%.*} inserts/s"
  tps100=$(pgbench -n -h localhost -U "$ECARE_TEST_DB_USER" -c "$threads" -j 2 -T "$seconds" -f "$work/hundred.sql" ecare_test \
    | awk '/^tps/ {print $3}')
  echo "pgbench: $threads clients, 100 rows a transaction: $(awk -v t="$tps100" 'BEGIN {printf "%d", t * 100}') inserts/s"
  pg -c "drop table bench_insert"
  bench append "$db_url" bench_append "$threads" "$seconds"
  pg -c "drop schema bench_append cascade"
fi

if [ "$only" = all ] || [ "$only" = load ]; then
  rm -f "$key"
  bench load "$db_url" bench_log "$leaves" "$key"
fi

if [ "$only" = all ] || [ "$only" = proofs ]; then
  bench proofs "$db_url" bench_log 10000 "$key"
fi

if [ "$only" = all ] || [ "$only" = verify ]; then
  start=$(date +%s.%N)
  java -Xmx4g -cp "$cp" org.ecarehub.cli.EcareCli log verify --db-url "$db_url?currentSchema=bench_log" \
    --db-user "$ECARE_TEST_DB_USER" --db-password "$ECARE_TEST_DB_PASSWORD" --log-key-file "$key" \
    --data-dir "$work"
  echo "verify: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s"
fi
