#!/usr/bin/env bash
# The local run: MariaDB, a Kafka broker, the job on a local Flink cluster (Web UI) and the shopper simulator.
# Build once first: mvn -q install -DskipTests. Options: local/run.sh --help. Ctrl-C stops everything.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
classpath="$here/target/classpath.txt"
broker_classpath="$here/../testkit/kafka-broker/target/classpath.txt"
if [[ ! -f "$classpath" || ! -f "$broker_classpath" || ! -d "$here/target/classes" ]]; then
  echo "local/run.sh needs the build: run 'mvn -q install -DskipTests' in $(dirname "$here") first." >&2
  exit 2
fi
# exec: Ctrl-C reaches the JVM itself, whose shutdown hook stops everything it started.
exec java --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Dbuyer-signals.kafka-broker.classpath="$broker_classpath" \
  -Dlog4j.configurationFile="$here/src/main/config/log4j2-local.properties" \
  -cp "$here/target/classes:$(cat "$classpath")" io.buyersignals.local.LocalRun "$@"
