#!/usr/bin/env bash
# Builds the bench module and runs the hallucination-scoring throughput harness on the HaluEval pairs,
# single-threaded and pinned to one core.
# Usage: bench/hallucination-bench.sh [HallucinationBenchmark flags, e.g. --runs 5 --tokenizer UNICODE]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl bench -am package -DskipTests

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0) # one core, so the figures are per core
fi
exec ${pin[@]+"${pin[@]}"} java -Xms1g -Xmx1g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.llmeval.bench.HallucinationBenchmark "$@"
