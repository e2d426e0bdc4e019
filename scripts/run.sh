#!/usr/bin/env bash
# Builds the project (no tests) and runs the product's main job.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
exec java -jar features/cli/target/mqttas-cli.jar selfcheck "$@"
