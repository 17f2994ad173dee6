#!/usr/bin/env bash
# Single-thread parse + validate throughput on generated logs (see ParserBenchmark).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -B -q -pl bench -am package -DskipTests >/dev/null
PIN=(); command -v taskset >/dev/null && PIN=(taskset -c 0)
"${PIN[@]}" java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.llmeval.bench.ParserBenchmark "$@"
