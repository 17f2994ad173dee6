#!/usr/bin/env bash
# Embedding benchmark: all-MiniLM-L6-v2 on this project's ND4J encoder against ONNX Runtime 1.20 on the same
# model file and token ids, each engine at its own best configuration, on real English text
# (bench/embed-texts/fortunes.jsonl, from Debian's fortunes; BSD licence beside it).
#
# Usage: bench/embed-bench.sh [matrix|drift|process|levers|attention|soak]
#   matrix (default): short, mixed and long texts; ND4J batch sizes x ORT batch sizes, arrival order or
#                     length-sorted, one 2-thread run or two 1-thread runs; both engines in one JVM, interleaved
#                     within each round; prints the best-vs-best table of docs/benchmarks.md
#   drift:            the drift window: 500 unique prompts embedded in one call, ms per window
#   process:          whole processes: `bin/llm-eval embed` vs a plain ONNX Runtime program embedding the same
#                     1,200 mixed texts one at a time; wall clock of each process, ROUNDS times, alternating
#   levers:           the encoder's kernel levers one after another, one thread, mixed and short texts
#                     (KernelLevers, the table of docs/inference.md)
#   attention:        one text's attention GEMMs (12 heads, QK^T and PV) on OpenBLAS and on oneDNN's dnnl_sgemm,
#                     one thread, at LENGTHS tokens (AttentionGemmBench, docs/inference.md)
#   soak:             ND4J alone, mixed texts, SOAK_S seconds (default 600), RSS every 30 s
# Environment: THREADS (default 2: cores given to each engine), ROUNDS (default 2; best round counts),
#   SECONDS_PER_RUN (default 5), SETS, ROUNDS_DRIFT (default 5), OUT (results file), SKIP_BUILD=1,
#   EXTRA (more EmbedBench matrix flags, e.g. "--ort-runs 1").
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-matrix}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-2}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-5}"
OUT="${OUT:-bench/target/embed-bench-$MODE.jsonl}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -pl bench -am install -DskipTests
fi
CP="$(ls bench/target/llm-eval-bench-*.jar | head -1):$(cat bench/target/classpath.txt)"
JAVA_OPTS=(-Xmx2g -Dorg.bytedeco.javacpp.maxbytes=3g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g)
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "# $(date -u +%FT%TZ) $(getconf _NPROCESSORS_ONLN) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load: $(load), $(java -version 2>&1 | head -1)" >&2
mkdir -p "$(dirname "$OUT")"
case "$MODE" in
  matrix|drift)
    if [[ $MODE == drift ]]; then
      SETS=drift; SECONDS_PER_RUN=0; ROUNDS="${ROUNDS_DRIFT:-5}"
    fi
    SETS="${SETS:-short,mixed,long}"
    # docs/inference.md "Threading": element-wise work on the calling threads, OpenBLAS never larger than asked.
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS="$THREADS" java "${JAVA_OPTS[@]}" -cp "$CP" io.llmeval.bench.embed.EmbedBench \
      matrix --sets "$SETS" --threads "$THREADS" --rounds "$ROUNDS" --seconds "$SECONDS_PER_RUN" \
      ${EXTRA:-} 2>/dev/null | tee "$OUT" >&2
    echo "# load at the end: $(load)" >&2
    java -cp "$CP" io.llmeval.bench.embed.EmbedBenchTable "$OUT"
    ;;
  process)
    # The user's view: no thread variables exported, each program as it starts by default.
    unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS
    IN=bench/target/embed-process-input.jsonl
    grep '"set": "mixed"' bench/embed-texts/fortunes.jsonl > "$IN"
    N=$(wc -l < "$IN")
    mvn -B -q -pl cli -am install -DskipTests -o >/dev/null 2>&1 || mvn -B -q -pl cli -am install -DskipTests
    : > "$OUT"
    for round in $(seq "$ROUNDS"); do
      for engine in nd4j ort; do
        start=$(date +%s.%N)
        if [[ $engine == nd4j ]]; then
          LLM_EVAL_SKIP_BUILD=1 bin/llm-eval embed --max-length 256 --input "$IN" \
            --output bench/target/embed-process-nd4j.jsonl 2>/dev/null
        else
          java -Xmx2g -cp "$CP" io.llmeval.bench.embed.PlainOrtEmbed --input "$IN" \
            --output bench/target/embed-process-ort.jsonl --threads "$THREADS" 2>/dev/null
        fi
        end=$(date +%s.%N)
        echo "{\"mode\":\"process\",\"engine\":\"$engine\",\"round\":$round,\"texts\":$N,\"seconds\":$(awk "BEGIN{print $end - $start}"),\"load1\":$(cut -d' ' -f1 /proc/loadavg)}" | tee -a "$OUT" >&2
      done
    done
    python3 - "$OUT" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
best = {e: min(r["seconds"] for r in runs if r["engine"] == e) for e in ("nd4j", "ort")}
n = runs[0]["texts"]
print("| process | texts | best wall s | sentences/s |")
print("|---|---:|---:|---:|")
for e, name in (("nd4j", "`llm-eval embed --max-length 256`"), ("ort", "plain ONNX Runtime, one text at a time")):
    print(f"| {name} | {n} | {best[e]:.1f} | {n / best[e]:.1f} |")
print(f"\nllm-eval embed / plain ORT: {best['ort'] / best['nd4j']:.2f}x "
      f"(load {min(r['load1'] for r in runs)}-{max(r['load1'] for r in runs)})")
a = [json.loads(l)["embedding"] for l in open("bench/target/embed-process-nd4j.jsonl")]
b = [json.loads(l)["embedding"] for l in open("bench/target/embed-process-ort.jsonl")]
print("max |ND4J - ORT| over all vectors:", max(abs(x - y) for u, v in zip(a, b) for x, y in zip(u, v)))
PY
    ;;
  levers)
    for set in mixed short; do
      OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java "${JAVA_OPTS[@]}" -cp "$CP" io.llmeval.inference.model.KernelLevers \
        bench/embed-texts/fortunes.jsonl "$set" 64 "${ROUNDS_LEVERS:-3}" 2>/dev/null
    done
    ;;
  attention)
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java "${JAVA_OPTS[@]}" -cp "$CP" io.llmeval.bench.embed.AttentionGemmBench \
      "${LENGTHS:-12,24,52,100,200}" "$ROUNDS" 2>/dev/null
    ;;
  soak)
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS="$THREADS" java "${JAVA_OPTS[@]}" -cp "$CP" io.llmeval.bench.embed.EmbedBench \
      soak --threads "$THREADS" --seconds "${SOAK_S:-600}" 2>/dev/null
    ;;
  *)
    echo "usage: $0 [matrix|drift|process|levers|soak]" >&2; exit 2 ;;
esac
