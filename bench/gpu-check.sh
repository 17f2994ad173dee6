#!/usr/bin/env bash
# GPU check for a person with a CUDA machine (CI never runs it: the cuda profile downloads ~2.4 GB of natives).
# Builds the inference operator with -Pcuda (nd4j-cuda-11.6 1.0.0-M2.1, the only CUDA build of nd4j served;
# needs an NVIDIA driver that supports CUDA 11.6), checks the encoder against the golden ONNX Runtime embeddings
# (max abs diff <= 1e-5, cosine >= 0.9999), and measures sentences/s at batch 32 and 64 on mixed texts.
#
# Usage: bench/gpu-check.sh            (CUDA_VISIBLE_DEVICES picks the GPU)
# Report: the "golden file on JCublasBackend" line, and the two JSON lines of throughput.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || \
  echo "warning: nvidia-smi not found" >&2

echo "== parity against the golden file (-Pcuda)" >&2
mvn -B -Pcuda -pl inference-operator -am install -Dtest=GoldenEmbeddingsTest -Dsurefire.failIfNoSpecifiedTests=false
grep -h "golden file on" inference-operator/target/surefire-reports/*GoldenEmbeddingsTest-output.txt || true

echo "== throughput (-Pcuda)" >&2
mvn -B -q -Pcuda -pl bench -am install -DskipTests
CP="$(ls bench/target/llm-eval-bench-*.jar | head -1):$(cat bench/target/classpath.txt)"
java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=8g -cp "$CP" \
  io.llmeval.bench.embed.EmbedBench matrix --engines nd4j --sets mixed --nd4j-batches 32,64 --seconds 15 \
  2>/dev/null | grep '^{'
