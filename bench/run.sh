#!/usr/bin/env bash
# The benchmark: starts its own Kafka broker and MariaDB, pre-loads the workloads, runs every configuration, and
# writes bench/RESULTS.md (the table), bench/results/RUN.{md,json} and bench/results/latency.png.
# Build once first: mvn -q install -DskipTests. Options: bench/run.sh --help (--quick for a short smoke run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
classpath="$here/target/classpath.txt"
broker_classpath="$here/../testkit/kafka-broker/target/classpath.txt"
if [[ ! -f "$classpath" || ! -f "$broker_classpath" || ! -d "$here/target/classes" ]]; then
  echo "bench/run.sh needs the build: run 'mvn -q install -DskipTests' in $(dirname "$here") first." >&2
  exit 2
fi
# BENCH_JAVA_OPTS: extra JVM flags, e.g. -XX:StartFlightRecording=filename=bench.jfr,settings=profile to profile a run.
exec java -Xmx6g ${BENCH_JAVA_OPTS:-} --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Dbench.dir="$here" \
  -Dbuyer-signals.kafka-broker.classpath="$broker_classpath" \
  -Dlog4j.configurationFile="$here/../local/src/main/config/log4j2-local.properties" \
  -cp "$here/target/classes:$(cat "$classpath")" io.buyersignals.bench.BenchMain "$@"
