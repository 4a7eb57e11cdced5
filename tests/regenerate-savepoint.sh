#!/usr/bin/env bash
# Writes the savepoint of a release into tests/src/test/resources/savepoints/RELEASE (replacing it if it exists).
# Every release adds its own and keeps the older ones; SavepointMigrationIT restores all of them.
#   tests/regenerate-savepoint.sh 0.1.0
set -euo pipefail
release="${1:?usage: tests/regenerate-savepoint.sh RELEASE (e.g. 0.1.0)}"
cd "$(dirname "$0")/.."
mvn -q install -DskipTests
mvn -pl tests verify -Dtest=SavepointFixtureIT -Dsavepoint.release="$release" -Dsurefire.failIfNoSpecifiedTests=false
echo "Savepoint of release $release written to tests/src/test/resources/savepoints/$release"
