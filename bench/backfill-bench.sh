#!/usr/bin/env bash
# Backfill at scale: generates SIZE_GB of logs with unique prompt texts (llm-eval generate --texts unique, all
# incidents), gzips a copy, and prints in one run: the read floors (cat|wc -l, zcat|wc -l), backfill over plain and
# gzip files, stream --bounded over the plain files, each with wall time, MB/s after start-up and peak RSS, checks
# that all three wrote the same windows and alerts; then drift on (--reference, unique texts) over a slice of the
# input: embeddings, sentences/s, embeddings per MB and time per drift window.
#
# Usage: bench/backfill-bench.sh SIZE_GB [PARALLELISM] [DRIFT_SLICE_MB]   (defaults: 1, 2, 64; 0 = no drift runs)
# Needs about 2.2 x SIZE_GB of free disk in $TMPDIR (or BENCH_DIR). Record results in docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_GB="${1:-1}"
PARALLELISM="${2:-2}"
DRIFT_SLICE_MB="${3:-64}"
WORK="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$WORK"
trap '[[ -z "${BENCH_DIR:-}" ]] && rm -rf "$WORK"' EXIT
LLM_EVAL="$ROOT/bin/llm-eval"
"$LLM_EVAL" --version >/dev/null # builds if needed
export LLM_EVAL_SKIP_BUILD=1

# ~770 bytes a record with unique texts (measured on 200,000 generated records).
RECORDS=$(awk -v g="$SIZE_GB" 'BEGIN { printf "%d", g * 1e9 / 770 }')
# The incidents need 16 minutes of traffic (192,000 records at 200/s); smaller runs go without.
INCIDENTS=$([[ "$RECORDS" -ge 200000 ]] && echo all || echo none)
echo "== generating $RECORDS records (~$SIZE_GB GB, unique texts, 200 requests/s, incidents: $INCIDENTS) in $WORK"
"$LLM_EVAL" generate --records "$RECORDS" --seed 42 --rate 200 --texts unique --incidents "$INCIDENTS" \
  --records-per-file 100000 --reference-records 6000 --output "$WORK/gen" >/dev/null
mkdir -p "$WORK/gz"
for f in "$WORK"/gen/logs/*.jsonl; do gzip -1 -c "$f" > "$WORK/gz/$(basename "$f").gz"; done
PLAIN_BYTES=$(cat "$WORK"/gen/logs/*.jsonl | wc -c)
GZ_BYTES=$(cat "$WORK"/gz/*.gz | wc -c)
FILES=$(ls "$WORK/gen/logs" | wc -l)
echo "input: $RECORDS records, $((PLAIN_BYTES / 1000000)) MB plain / $((GZ_BYTES / 1000000)) MB gzip in $FILES files;" \
  "parallelism $PARALLELISM; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }

floor() {
  local name="$1"; shift
  local start end
  start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N)
  awk -v n="$name" -v t="$(seconds "$start" "$end")" -v b="$PLAIN_BYTES" \
    'BEGIN { printf "%-22s %7.1f s  %7.1f MB/s (of the plain bytes)\n", n, t, b / t / 1e6 }'
}
echo "== read floors"
floor "cat | wc -l" bash -c "cat '$WORK'/gen/logs/*.jsonl | wc -l"
floor "zcat | wc -l" bash -c "zcat '$WORK'/gz/*.gz | wc -l"

# Start-up of each mode on a 100-line input, subtracted from the big runs.
head -n 100 "$(ls "$WORK"/gen/logs/*.jsonl | head -n 1)" > "$WORK/tiny.jsonl"
run() {
  local name="$1" out="$2"; shift 2
  local start end
  rm -rf "$out" "$out.llm-eval-work"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/$name.rss" "$LLM_EVAL" "$@" --output "$out" --parallelism "$PARALLELISM" \
    --prometheus-port none >"$WORK/$name.out" 2>"$WORK/$name.err"
  end=$(date +%s.%N)
  seconds "$start" "$end"
}
report() {
  local name="$1" wall="$2" startup="$3" bytes="$4"
  awk -v n="$name" -v t="$wall" -v s="$startup" -v b="$bytes" -v p="$PLAIN_BYTES" -v rss="$(cat "$WORK/$name.rss")" \
    'BEGIN { w = t - s; printf "%-22s %7.1f s (start-up %.1f s)  %7.1f MB/s of input  %7.1f MB/s of plain JSON  peak RSS %5.0f MB\n", n, t, s, b / w / 1e6, p / w / 1e6, rss / 1024 }'
}
echo "== start-up (100 lines)"
SU_BACKFILL=$(run startup-backfill "$WORK/su-b" backfill --input "$WORK/tiny.jsonl")
SU_STREAM=$(run startup-stream "$WORK/su-s" stream --bounded --input "$WORK/tiny.jsonl")
echo "backfill $SU_BACKFILL s, stream --bounded $SU_STREAM s"

echo "== evaluation (hallucination scoring on, drift off)"
T=$(run backfill-plain "$WORK/b-plain" backfill --input "$WORK/gen/logs"); report backfill-plain "$T" "$SU_BACKFILL" "$PLAIN_BYTES"
T=$(run backfill-gzip "$WORK/b-gzip" backfill --input "$WORK/gz"); report backfill-gzip "$T" "$SU_BACKFILL" "$GZ_BYTES"
T=$(run stream-plain "$WORK/s-plain" stream --bounded --input "$WORK/gen/logs"); report stream-plain "$T" "$SU_STREAM" "$PLAIN_BYTES"
sorted() { find "$1" -name '*.jsonl' ! -name '.*' -exec cat {} + | sort | sha256sum; }
for dir in windows alerts; do
  a=$(sorted "$WORK/b-plain/$dir"); b=$(sorted "$WORK/b-gzip/$dir"); c=$(sorted "$WORK/s-plain/$dir")
  if [[ "$a" == "$b" && "$a" == "$c" ]]; then
    echo "$dir identical in all three runs: $(find "$WORK/b-plain/$dir" -name '*.jsonl' -exec cat {} + | wc -l) lines"
  else
    echo "$dir DIFFER between the runs" >&2; exit 1
  fi
done

if [[ "$DRIFT_SLICE_MB" == 0 ]]; then
  echo "(drift runs skipped; files in $WORK)"
  exit 0
fi
echo "== drift on: backfill --reference over the first $DRIFT_SLICE_MB MB (unique texts, --drift-window 5min and 1h)"
mkdir -p "$WORK/slice"
head -c "$((DRIFT_SLICE_MB * 1000000))" "$(ls "$WORK"/gen/logs/*.jsonl | head -n 1)" | head -n -1 > "$WORK/slice/part.jsonl"
SLICE_BYTES=$(wc -c < "$WORK/slice/part.jsonl")
"$LLM_EVAL" reference build --input "$WORK/gen/reference.jsonl" --out "$WORK/reference" >/dev/null 2>&1
for window in 5min 1h; do
  T=$(run "drift-$window" "$WORK/d-$window" backfill --input "$WORK/slice" --reference "$WORK/reference" \
        --drift-window "$window")
  WINDOWS=$(cat "$WORK"/d-$window/drift/*.jsonl | wc -l)
  EMBEDDED=$(cat "$WORK"/d-$window/drift/*.jsonl | grep -o '"drift_sample_count":[0-9]*' | cut -d: -f2 | awk '{ s += $1 } END { print s + 0 }')
  awk -v w="$window" -v t="$T" -v s="$SU_BACKFILL" -v b="$SLICE_BYTES" -v n="$EMBEDDED" -v k="$WINDOWS" \
    -v rss="$(cat "$WORK/drift-$window.rss")" \
    'BEGIN { x = t - s; printf "drift window %-5s %7.1f s  %d drift windows, %d texts embedded: %.0f embeddings/MB, %.1f sentences/s of wall time, %.2f s per drift window, %.1f MB/s, peak RSS %.0f MB\n", w, t, k, n, n / (b / 1e6), n / x, x / k, b / x / 1e6, rss / 1024 }'
done
echo "(files in $WORK; logs of each run in $WORK/*.err)"
