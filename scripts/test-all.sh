#!/usr/bin/env bash
# Sets up what the tests need and runs every test of the project (unit, property, fuzz regression,
# real-broker scenarios, OSGi integration tests, benchmark smoke runs). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-os.sh
exec mvn -B -ntp verify "$@"
