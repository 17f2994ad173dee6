#!/usr/bin/env bash
# Builds the bench module and runs the ROUGE throughput harness, single-threaded and pinned to one core.
# Usage: bench/rouge-bench.sh [RougeBenchmark flags, e.g. --runs 5 --run-seconds 2 --stem true]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl bench -am package -DskipTests

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0) # one core, so the figures are per core
fi
exec ${pin[@]+"${pin[@]}"} java -Xms1g -Xmx1g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.llmeval.bench.RougeBenchmark "$@"
