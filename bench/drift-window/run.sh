#!/usr/bin/env bash
# The drift window's embedding call, before and after an encoder change: 500 unique prompts (the first 500 mixed
# texts of bench/embed-texts/fortunes.jsonl) in one SentenceEmbedder.embed call with 2 threads, on this checkout and
# on an older commit built in a temporary worktree (nothing installed). Alternates the two, ROUNDS times.
#
# Usage: bench/drift-window/run.sh OLD_COMMIT [ROUNDS]   (e.g. fad32bc, the encoder before issue 14)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OLD_COMMIT="$1"
ROUNDS="${2:-2}"
cd "$ROOT"
mvn -B -q -o -pl bench -am install -DskipTests
OLD_TREE="$(mktemp -d)"
trap 'git -C "$ROOT" worktree remove --force "$OLD_TREE"' EXIT
git worktree add -f "$OLD_TREE" "$OLD_COMMIT" -q
(cd "$OLD_TREE" && mvn -B -q -o -pl inference-operator -am package -DskipTests \
  && mvn -B -q -o -pl inference-operator dependency:build-classpath -Dmdep.outputFile="$OLD_TREE/cp.txt")
OLD="$OLD_TREE/inference-operator/target/classes:$(cat "$OLD_TREE/cp.txt")"
NEW="$ROOT/inference-operator/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
TEXTS="$ROOT/bench/embed-texts/fortunes.jsonl"
PROGRAM="$ROOT/bench/drift-window/DriftWindowTime.java"
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  # Each as its own docs/inference.md asked: the old encoder ran 2 OpenBLAS threads in one pass, the new one
  # single-threaded natives on 2 threads of its own.
  echo -n "$OLD_COMMIT: "; OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 java -Xmx2g -cp "$OLD" "$PROGRAM" "$TEXTS" 3 2>/dev/null
  echo -n "this checkout: "; OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=2 java -Xmx2g -cp "$NEW" "$PROGRAM" "$TEXTS" 3 2>/dev/null
done
