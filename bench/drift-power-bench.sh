#!/usr/bin/env bash
# Builds the bench module and runs the embedding drift power benchmark, single-threaded and pinned to one core.
#
# Usage: bench/drift-power-bench.sh [--embeddings synthetic|minilm | --npy-load] [flags of the benchmark class]
#   synthetic (default): DriftPowerBenchmark, synthetic embeddings, e.g. --trials 100 --sizes 100,500 --max-reference 1000
#   minilm:              MiniLmPowerBenchmark, all-MiniLM-L6-v2 embeddings (this project's ND4J encoder, one thread)
#                        of the generator's topic-drift incident, e.g. --trials 100 --max-reference 10000;
#                        distinct texts are embedded once and kept in bench/target/drift-minilm-embeddings.bin
#   --npy-load:          NpyLoadBenchmark, time to load a 10,000 x 384 float32 reference from .npy, e.g. --reads 20
# Environment: HEAP (default 1g; a 10,000-row reference with mmd needs about 3g), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."

embeddings=synthetic
if [[ "${1:-}" == "--embeddings" ]]; then
  embeddings="${2:?--embeddings needs synthetic or minilm}"
  shift 2
elif [[ "${1:-}" == --embeddings=* ]]; then
  embeddings="${1#--embeddings=}"
  shift
elif [[ "${1:-}" == "--npy-load" ]]; then
  embeddings=npy-load
  shift
fi
case "$embeddings" in
  synthetic) main=io.llmeval.bench.drift.DriftPowerBenchmark ;;
  minilm) main=io.llmeval.bench.drift.MiniLmPowerBenchmark ;;
  npy-load) main=io.llmeval.bench.drift.NpyLoadBenchmark ;;
  *) echo "unknown --embeddings '$embeddings'; valid: synthetic, minilm (or --npy-load)" >&2; exit 2 ;;
esac

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -pl bench -am package -DskipTests
fi

# The encoder (minilm) runs on the pinned core: element-wise ops on the calling thread, one BLAS thread
# (docs/inference.md, "Threading").
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
heap="${HEAP:-1g}"
pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0) # one core, so the times are per core
fi
echo "# $(date -u +%FT%TZ) $(getconf _NPROCESSORS_ONLN) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)," \
  "java: $(java -version 2>&1 | head -1), heap $heap, mode $embeddings" >&2
exec ${pin[@]+"${pin[@]}"} java -Xms"$heap" -Xmx"$heap" \
  -Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  "$main" "$@"
