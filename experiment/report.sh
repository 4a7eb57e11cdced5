#!/usr/bin/env bash
# experiment-report: the A/B read-out over conversation outcomes (a file or the topic). Options: --help.
# Build once first: mvn -q install -DskipTests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
classpath="$here/target/classpath.txt"
if [[ ! -f "$classpath" || ! -d "$here/target/classes" ]]; then
  echo "experiment/report.sh needs the build: run 'mvn -q install -DskipTests' in $(dirname "$here") first." >&2
  exit 2
fi
exec java -Dlog4j2.level=warn -cp "$here/target/classes:$(cat "$classpath")" \
  io.buyersignals.experiment.ExperimentReportCommand "$@"
