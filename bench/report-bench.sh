#!/usr/bin/env bash
# Render benchmark of `llm-eval report` (issue: ~10^5 windows, a 50 GB backfill's output, drawn in < 3 s):
# synthesises an output directory, writes its page, opens it in headless chromium and prints the page's own
# timings (navigation start to every chart drawn), the points drawn at overview and at 1% zoom, the zoom time.
#
# Usage: bench/report-bench.sh [--windows 100000] [--keys 6] [--loads 3] [--work report/target/report-bench]
# Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver). SKIP_BUILD=1 skips mvn.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -pl report -am test-compile
fi
echo "# $(date -u +%FT%TZ) $(getconf _NPROCESSORS_ONLN) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(chromium --version 2>/dev/null || echo 'no chromium')" >&2
exec java -Xmx3g -cp "report/target/test-classes:report/target/classes:$(cat report/target/test-classpath.txt)" \
  io.llmeval.report.ReportRenderBench "$@"
