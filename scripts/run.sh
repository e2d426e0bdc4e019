#!/usr/bin/env bash
# Builds the gateway (no tests) and starts it: Felix + our bundles, configurations from conf/
# (created if missing), an embedded broker on 127.0.0.1:1883 unless a conf/io.mqttas.session-*.cfg
# names a server. Extra arguments go to the gateway (--conf DIR, --broker-port N, --no-shell).
# See docs/osgi.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q package -DskipTests -pl features/gateway -am
exec java -jar features/gateway/target/mqttas-gateway.jar --data features/gateway/target/data "$@"
