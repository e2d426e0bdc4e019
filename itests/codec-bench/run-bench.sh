#!/usr/bin/env bash
# Runs the codec benchmarks for real and prints the table for docs/BENCHMARKS.md.
# Usage (from the repository root, after `mvn -pl bundles/io.mqttas.codec,itests/codec-bench -am verify -DskipTests`):
#   itests/codec-bench/run-bench.sh [extra JMH options]          (CodecBench: mqttas vs Netty)
#   BENCH=CodecV5Bench itests/codec-bench/run-bench.sh            (MQTT 5.0 beside 3.1.1, mqttas only)
set -euo pipefail
cd "$(dirname "$0")"
# Resolve through the reactor (-am): the codec is never installed in ~/.m2 (TOOLCHAIN: no mvn install).
# Every module of the run writes the file; codec-bench is last in the reactor, so its class path wins.
(cd ../.. && mvn -B -ntp -q -o -pl itests/codec-bench -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/itests/codec-bench/target/cp.txt" -Dmdep.includeScope=test)
# Use this worktree's codec jar, not whatever SNAPSHOT sits in ~/.m2.
CP=$(sed 's#[^:]*/io.mqttas.codec-[^:]*\.jar#../../bundles/io.mqttas.codec/target/classes#' target/cp.txt)
BENCH=${BENCH:-CodecBench}
# Iterations: JMH_OPTS replaces the defaults (e.g. JMH_OPTS="-f 1 -wi 5 -w 1s -i 15 -r 1s" on a busy machine).
java -cp "target/test-classes:$CP" org.openjdk.jmh.Main "$BENCH" \
    ${JMH_OPTS:--f 1 -wi 3 -w 1s -i 10 -r 1s} -prof gc -rf json -rff target/jmh-result.json "$@"
if [ "$BENCH" = CodecV5Bench ]; then
python3 - <<'PY'
import json
rows = {}
for r in json.load(open("target/jmh-result.json")):
    op = r["benchmark"].split(".")[-1][6:].lower()
    p = r["params"]["packet"]
    kind, version = p.rsplit("_", 1)
    m = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    rows.setdefault((kind, op), {})[version] = (m["scorePercentiles"]["50.0"], m["score"], m["scoreError"], alloc)
print("| packet | op | 3.1.1 median ns | 3.1.1 score ± error | 5.0 median ns | 5.0 score ± error | 5.0 / 3.1.1 (medians) | 3.1.1 B/op | 5.0 B/op |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for (kind, op), v in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    a = v.get("311"); b = v["5"]
    if a is None:
        print(f"| {kind} | {op} | – | – | {b[0]:.1f} | {b[1]:.1f} ± {b[2]:.1f} | – | – | {b[3]:.0f} |")
    else:
        print(f"| {kind} | {op} | {a[0]:.1f} | {a[1]:.1f} ± {a[2]:.1f} | {b[0]:.1f} | {b[1]:.1f} ± {b[2]:.1f} | {b[0]/a[0]:.2f} | {a[3]:.0f} | {b[3]:.0f} |")
PY
exit 0
fi
python3 - <<'PY'
import json
rows = {}
for r in json.load(open("target/jmh-result.json")):
    method = r["benchmark"].split(".")[-1]          # mqttasEncode, nettyDecode, ...
    lib, op = ("mqttas", method[6:]) if method.startswith("mqttas") else ("netty", method[5:])
    m = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    rows.setdefault((r["params"]["packet"], op), {})[lib] = (m["scorePercentiles"]["50.0"], m["score"], m["scoreError"], alloc)
print("| packet | op | mqttas median ns | mqttas score ± error | Netty median ns | Netty score ± error | Netty / mqttas (medians) | mqttas B/op | Netty B/op |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for (packet, op), v in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    a, n = v["mqttas"], v["netty"]
    print(f"| {packet} | {op.lower()} | {a[0]:.1f} | {a[1]:.1f} ± {a[2]:.1f} | {n[0]:.1f} | {n[1]:.1f} ± {n[2]:.1f} | {n[0]/a[0]:.2f} | {a[3]:.0f} | {n[3]:.0f} |")
PY
