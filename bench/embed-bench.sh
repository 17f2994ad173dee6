#!/usr/bin/env bash
# Embedding benchmark: all-MiniLM-L6-v2 on ND4J (this project's encoder) vs ONNX Runtime, side by side in one
# run, each measurement in its own JVM (ONNX Runtime's spinning threads distort an interleaved run).
#
# Usage: bench/embed-bench.sh [matrix|soak]
#   matrix (default): texts short|mixed|long x batch 1|8|32|64 x engine; prints the table of docs/benchmarks.md
#   soak:             ND4J, mixed texts, batch 32, for SOAK_S seconds (default 600), RSS every 30 s
# Environment: THREADS (default 2: cores given to each engine), ROUNDS (default 1; best round counts),
#   SECONDS_PER_RUN (default 8), WARMUP_S (default 3), TEXTS, BATCHES, OUT (results file).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-matrix}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-1}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-8}"
WARMUP_S="${WARMUP_S:-3}"
TEXTS="${TEXTS:-short mixed long}"
BATCHES="${BATCHES:-1 8 32 64}"
OUT="${OUT:-bench/target/embed-bench.jsonl}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -pl bench -am install -DskipTests
fi
CP="$(ls bench/target/llm-eval-bench-*.jar | head -1):$(cat bench/target/classpath.txt)"
# One thread pool strategy (docs/inference.md): element-wise ops on the calling thread, THREADS BLAS threads.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS="$THREADS"
JAVA_OPTS=(-Xmx1g -Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=4g)

echo "# $(date -u +%FT%TZ) $(getconf _NPROCESSORS_ONLN) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -1)" >&2
case "$MODE" in
  matrix)
    mkdir -p "$(dirname "$OUT")"; : > "$OUT"
    for round in $(seq "$ROUNDS"); do
      for texts in $TEXTS; do
        for batch in $BATCHES; do
          for engine in ort nd4j; do
            java "${JAVA_OPTS[@]}" -cp "$CP" io.llmeval.bench.embed.EmbedBench --engine "$engine" \
              --texts "$texts" --batch "$batch" --threads "$THREADS" --warmup-s "$WARMUP_S" \
              --seconds "$SECONDS_PER_RUN" 2>/dev/null | grep '^{' | tee -a "$OUT" >&2
          done
        done
      done
    done
    java -cp "$CP" io.llmeval.bench.embed.EmbedBenchTable "$OUT"
    ;;
  soak)
    java "${JAVA_OPTS[@]}" -cp "$CP" io.llmeval.bench.embed.EmbedBench --engine nd4j --texts mixed --batch 32 \
      --threads "$THREADS" --warmup-s 5 --seconds "${SOAK_S:-600}" --soak-report-s 30 2>&1 | grep '^soak\|^{'
    ;;
  *)
    echo "usage: $0 [matrix|soak]" >&2; exit 2 ;;
esac
