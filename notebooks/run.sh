#!/usr/bin/env bash
# Generates traffic with every incident, backfills it and executes notebooks/backfill-analysis.ipynb headless
# into target/notebooks/ (the executed notebook and its figures as PNG). Fails on any cell error.
#
#   notebooks/run.sh                       # builds the project first if needed (bin/llm-eval)
#   LLM_EVAL_SKIP_BUILD=1 notebooks/run.sh # after `mvn package` (CI)
#
# Needs Debian's jupyter-nbconvert, python3-ipykernel, python3-pandas and python3-matplotlib (no pip).
# Environment: LLM_EVAL_NOTEBOOK_DIR (default target/notebooks), RECORDS (default 19200: 16 minutes of
# traffic at 20 requests/s, the least that holds every incident), SEED (default 42).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${LLM_EVAL_NOTEBOOK_DIR:-$ROOT/target/notebooks}"
RECORDS="${RECORDS:-19200}"
SEED="${SEED:-42}"
NOTEBOOK="$ROOT/notebooks/backfill-analysis.ipynb"

# Debian's nbconvert and kernel run on /usr/bin/python3; a python3 earlier on PATH (pyenv, venv) may lack them.
if [[ -x /usr/bin/jupyter-nbconvert ]]; then
  NBCONVERT=(/usr/bin/jupyter-nbconvert)
elif command -v jupyter-nbconvert > /dev/null; then
  NBCONVERT=(jupyter-nbconvert)
else
  echo "notebooks/run.sh: jupyter-nbconvert not found; install it with" >&2
  echo "  apt-get install -y jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib" >&2
  exit 2
fi

rm -rf "$OUT"
mkdir -p "$OUT"

echo "== generate $RECORDS records (seed $SEED, every incident) into $OUT/gen"
"$ROOT/bin/llm-eval" generate --records "$RECORDS" --seed "$SEED" --incidents all --output "$OUT/gen"

echo "== backfill into $OUT/backfill (with the generator's clean traffic as the drift reference)"
"$ROOT/bin/llm-eval" backfill --input "$OUT/gen/logs" --output "$OUT/backfill" --reference "$OUT/gen/reference.jsonl"

echo "== execute $NOTEBOOK"
LLM_EVAL_OUTPUT="$OUT/backfill" LLM_EVAL_INCIDENTS="$OUT/gen/incidents.json" LLM_EVAL_FIGURES="$OUT/figures" \
MPLBACKEND=module://matplotlib_inline.backend_inline PYDEVD_DISABLE_FILE_VALIDATION=1 \
  "${NBCONVERT[@]}" --to notebook --execute --ExecutePreprocessor.timeout=600 \
  --output-dir "$OUT" --output backfill-analysis "$NOTEBOOK"

figures=("$OUT"/figures/*.png)
echo "notebooks/run.sh: executed $OUT/backfill-analysis.ipynb (${#figures[@]} figures in $OUT/figures)"
