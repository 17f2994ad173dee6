#!/usr/bin/env bash
# Throughput and memory of the evaluation pipeline (bin/llm-eval backfill and stream --bounded) on
# generated logs. Prints records/s, MB/s and peak RSS per run; checks that both modes agree.
# Usage: bench/pipeline-bench.sh [RECORDS] [PARALLELISM]     (defaults: 100000, 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RECORDS="${1:-100000}"
PARALLELISM="${2:-2}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
LLM_EVAL="$ROOT/bin/llm-eval"

"$LLM_EVAL" generate --records "$RECORDS" --seed 42 --output "$WORK/gen" --incidents all >/dev/null 2>&1
BYTES=$(cat "$WORK"/gen/logs/* | wc -c)
echo "input: $RECORDS records, $((BYTES / 1000000)) MB in $(ls "$WORK/gen/logs" | wc -l) files; parallelism $PARALLELISM; $(nproc) cores"

run() {
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/$name.rss" env LLM_EVAL_SKIP_BUILD=1 "$LLM_EVAL" "$@" \
    --parallelism "$PARALLELISM" --prometheus-port none >/dev/null 2>"$WORK/$name.err"
  end=$(date +%s.%N)
  awk -v n="$name" -v r="$RECORDS" -v b="$BYTES" -v s="$start" -v e="$end" -v rss="$(cat "$WORK/$name.rss")" \
    'BEGIN { t = e - s; printf "%-8s %6.1f s  %9.0f records/s  %6.1f MB/s  peak RSS %5.0f MB (whole JVM, incl. startup)\n", n, t, r / t, b / t / 1e6, rss / 1024 }'
}

run backfill backfill --input "$WORK/gen/logs" --output "$WORK/batch"
run stream stream --input "$WORK/gen/logs" --bounded --output "$WORK/stream"

if diff <(sort "$WORK"/batch/windows/*.jsonl) <(sort "$WORK"/stream/windows/*.jsonl) >/dev/null; then
  echo "windows identical: $(cat "$WORK"/batch/windows/*.jsonl | wc -l) lines"
else
  echo "windows DIFFER between stream and batch" >&2
  exit 1
fi
