#!/usr/bin/env bash
# The FHIR read benchmark (issue 9, "Performance"), on this machine's PostgreSQL, with both comparisons in the same
# run: audited, policy-checked GET /fhir/Patient/{id} over HTTP from wrk with 16 connections on the summary
# benchmark's 100,000 people (schema bench_record; seeded on first use, many minutes), beside (a) pgbench's one
# single-row read and one single-row insert a transaction and (b) a bare HAPI plain server's Patient read that touches
# no database. Target: hub reads/s >= (a)/3, and hub p99 <= 2 x (b)'s p99. Each server gets 90 s of the same load
# before its 30 s are measured: on two cores the JIT compilers still took 30% of the hub's CPU after 20 s.
#   bash bench/fhir.sh                                        # the whole run
#   PEOPLE=10000 SECONDS_PER_RUN=10 WARMUP=5 bash bench/fhir.sh   # a short trial on a smaller population
#   HUB_JAVA_OPTS="-XX:MaxGCPauseMillis=50" bash bench/fhir.sh   # the hub's JVM with further options
#   HUB_ONLY=1 JFR=1 bash bench/fhir.sh                       # the hub alone, with a flight recording of its run
#                                                              # in target/bench/fhir.jfr (no RESULT line)
set -euo pipefail
cd "$(dirname "$0")/.."

db_url="${ECARE_TEST_DB_URL:-jdbc:postgresql://localhost:5432/ecare_test}"
export ECARE_TEST_DB_USER="${ECARE_TEST_DB_USER:-ecare}" ECARE_TEST_DB_PASSWORD="${ECARE_TEST_DB_PASSWORD:-ecare}"
people="${PEOPLE:-100000}"
connections="${CONNECTIONS:-16}"
seconds="${SECONDS_PER_RUN:-30}"
warmup="${WARMUP:-90}"
schema="${SCHEMA:-bench_record}"
port="${PORT:-18091}"
bare_port="${BARE_PORT:-18092}"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p target/bench

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian's package)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp")"
export PGPASSWORD="$ECARE_TEST_DB_PASSWORD"
source bench/pgbench-read-insert.sh
pg() { psql -q -h localhost -U "$ECARE_TEST_DB_USER" -d ecare_test -v ON_ERROR_STOP=1 "$@"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -n 1); $(wrk -v 2>&1 | head -n 1)"
echo "synchronous_commit: $(pg -tAc 'show synchronous_commit'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

await() { # file, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do [ -f "$1" ] && return 0; sleep 0.1; done
  echo "timed out waiting for $1" >&2; exit 1
}

# wrk's figures: requests a second, p99 in ms, and the non-2xx answers.
# CPU seconds used so far by the given processes (utime + stime of each, from /proc).
cpu_of() { local t=0 v; for pid in "$@"; do v=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0); t=$((t + v)); done; echo "$t"; }
measure() { # label, server pid, then wrk's options, url and script arguments
  local label="$1" server="$2"; shift 2
  wrk -t 2 -c "$connections" -d "${warmup}s" "$@" >/dev/null
  local hz server0 pg0 all0 server1 pg1 all1
  hz=$(getconf CLK_TCK)
  server0=$(cpu_of "$server"); pg0=$(cpu_of $(pgrep -x postgres)); all0=$(awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat)
  wrk -t 2 -c "$connections" -d "${seconds}s" --latency "$@" | tee "$work/$label.txt"
  server1=$(cpu_of "$server"); pg1=$(cpu_of $(pgrep -x postgres)); all1=$(awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat)
  # Where the two cores went while measuring: the server under test, PostgreSQL, and the rest (wrk, anything else).
  awk -v s=$((server1 - server0)) -v p=$((pg1 - pg0)) -v a=$((all1 - all0)) -v hz="$hz" -v n="$seconds" -v cores="$(nproc)" 'BEGIN {
    printf "cpu while measuring (core-seconds of %d): server %.1f, postgresql %.1f, everything else %.1f\n",
      cores * n, s / hz, p / hz, (a - s - p) / hz }'
}
ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } print v }'; }

# 1. The hub: serve mode on the seeded population, every person read once in process, then wrk.
jfr=()
if [ -n "${JFR:-}" ]; then
  jfr=("-XX:StartFlightRecording=filename=target/bench/fhir.jfr,dumponexit=true,settings=profile")
fi
# The pause goal './ecare serve' gives the hub's JVM; HUB_JAVA_OPTS after it, so that a trial may change it.
# shellcheck disable=SC2086 # HUB_JAVA_OPTS is a list of JVM options
java -Xmx4g -XX:MaxGCPauseMillis=20 ${HUB_JAVA_OPTS:-} "${jfr[@]}" -cp "$cp" org.ecarehub.record.internal.FhirReadBenchmark "$db_url" "$schema" "$people" "$port" "$work" \
  > "$work/hub.log" 2>&1 &
pids+=($!)
await "$work/ready" 3600
grep -E "population|every person|ready" "$work/hub.log" || true
measure hub "${pids[0]}" -s bench/fhir-read.lua "http://localhost:$port" "$work/tokens" "$work/people"
hub_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/hub.txt")
hub_p99=$(awk '$1 == "99%" {print $2}' "$work/hub.txt" | ms)
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
echo "load average after the hub's run: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${HUB_ONLY:-}" ]; then
  exit 0
fi

# 2. (b) A bare HAPI plain server's Patient read, no database.
java -Xmx1g -cp "$cp" org.ecarehub.fhir.BareHapiServer "$bare_port" "$work" > "$work/bare.log" 2>&1 &
pids+=($!)
await "$work/bare-ready" 120
measure bare "${pids[1]}" -H "Accept: application/fhir+json" "http://localhost:$bare_port/fhir/Patient/1"
bare_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/bare.txt")
bare_p99=$(awk '$1 == "99%" {print $2}' "$work/bare.txt" | ms)
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true

# 3. (a) pgbench: one single-row read and one single-row insert a transaction, synchronous commit, 16 clients.
tps=$(pgbench_read_insert "$people" "$connections" "$seconds" "$work")
echo "pgbench: $connections clients, -j 2, ${seconds} s, one single-row read and one single-row insert: ${tps%.*} tps"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -v h="$hub_rps" -v hp="$hub_p99" -v b="$bare_rps" -v bp="$bare_p99" -v p="$tps" 'BEGIN {
  met = (h >= p / 3 && hp <= 2 * bp) ? "met" : "missed"
  printf "RESULT: hub %.0f reads/s p99 %.1f ms; pgbench %.0f tps (target >= %.0f reads/s); bare HAPI %.0f reads/s p99 %.1f ms (target p99 <= %.1f ms): %s\n",
    h, hp, p, p / 3, b, bp, 2 * bp, met }'
