#!/usr/bin/env bash
# The messages benchmark of issue 7 on this machine's PostgreSQL (started and set up as .ci/run does): one hub raises
# RATE protection messages a second, each routed to five rest-hook receivers in the same JVM, for DURATION seconds after WARMUP seconds
# at the same rate, and prints the latency from each message's commit to each receiver's 2xx, the rate achieved and
# how many deliveries took longer than 1 s. MessagingBenchmark in the test sources does the Java side; docs/
# benchmarks.md records the figures.
#   bash bench/messages.sh                          # 100 messages/s for 5 minutes (the issue's load)
#   DURATION=30 WARMUP=10 bash bench/messages.sh    # a short trial
#   SENDERS=16 FAMILIES=2000 bash bench/messages.sh  # sending threads; families (a child and a parent) named in turn (6,000)
#   HUB_PROPERTIES=ecare.messaging.workers=8 bash bench/messages.sh
#   JFR=1 bash bench/messages.sh                    # with a flight recording in target/bench/messages.jfr
#   GCLOG=1 bash bench/messages.sh                  # with the collector's log in target/bench/messages-gc.log
set -euo pipefail
cd "$(dirname "$0")/.."

export ECARE_TEST_DB_URL="${ECARE_TEST_DB_URL:-jdbc:postgresql://localhost:5432/ecare_test}"
export ECARE_TEST_DB_USER="${ECARE_TEST_DB_USER:-ecare}" ECARE_TEST_DB_PASSWORD="${ECARE_TEST_DB_PASSWORD:-ecare}"
export RATE="${RATE:-100}" DURATION="${DURATION:-300}" WARMUP="${WARMUP:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p target/bench

./mvnw -q -B -ntp test-compile -Dspotless.check.skip=true
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp")"
jfr=()
if [ -n "${JFR:-}" ]; then
  jfr=("-XX:StartFlightRecording=filename=target/bench/messages.jfr,dumponexit=true,settings=profile")
fi
if [ -n "${GCLOG:-}" ]; then
  jfr+=("-Xlog:gc:file=target/bench/messages-gc.log:utctime,uptime")
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(psql --version); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The pause goal ./ecare serve gives the hub's JVM.
java -Xmx2g -XX:MaxGCPauseMillis=20 "${jfr[@]}" -Decare.test.database=postgresql -cp "$cp" \
  org.ecarehub.messaging.internal.MessagingBenchmark 2>"$work/hub.log" || { tail -50 "$work/hub.log" >&2; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
