#!/usr/bin/env bash
# Builds the bench module and runs the embedding drift power benchmark (synthetic embeddings),
# single-threaded and pinned to one core.
# Usage: bench/drift-power-bench.sh [DriftPowerBenchmark flags, e.g. --trials 100 --sizes 100,500 --max-reference 1000]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl bench -am package -DskipTests

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0) # one core, so the times are per core
fi
exec ${pin[@]+"${pin[@]}"} java -Xms1g -Xmx1g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.llmeval.bench.drift.DriftPowerBenchmark "$@"
