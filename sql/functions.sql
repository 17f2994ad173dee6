-- llm-eval SQL functions. Run once per session, then use them in any query. SQL client: start it with the job jar,
-- sql-client.sh -j jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar (self-contained; see sql/README.md).
-- Every function returns NULL when a text argument is NULL.
-- Definitions and tests: udfs/src/main/java/io/llmeval/udfs/sql/, docs/rouge.md, docs/hallucination.md.

-- ROUGE_N(reference, candidate, n [, 'p'|'r'|'f'] [, stem]) -> DOUBLE: rouge_score's ROUGE-N (default F, no stemming).
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS ROUGE_N AS 'io.llmeval.udfs.sql.RougeNFunction' LANGUAGE JAVA;

-- ROUGE_L(reference, candidate [, 'p'|'r'|'f'] [, stem]) -> DOUBLE: ROUGE-L (LCS of the whole texts).
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS ROUGE_L AS 'io.llmeval.udfs.sql.RougeLFunction' LANGUAGE JAVA;

-- ROUGE_LSUM(reference, candidate [, 'p'|'r'|'f'] [, stem]) -> DOUBLE: ROUGE-Lsum (sentences split on '\n').
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS ROUGE_LSUM AS 'io.llmeval.udfs.sql.RougeLsumFunction' LANGUAGE JAVA;

-- UNSUPPORTED_RATIO(response, reference) -> DOUBLE in [0, 1]: share of the response's content words the reference lacks.
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS UNSUPPORTED_RATIO AS 'io.llmeval.udfs.sql.UnsupportedRatioFunction' LANGUAGE JAVA;

-- HALLUCINATION_SCORE(response, reference [, mean_logprob, semantic_similarity]) -> DOUBLE in [0, 1];
-- flag a response when it is >= 0.5 (the default threshold, docs/hallucination.md).
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS HALLUCINATION_SCORE AS 'io.llmeval.udfs.sql.HallucinationScoreFunction' LANGUAGE JAVA;

-- PARSE_EVENT_TIME(timestamp STRING) -> TIMESTAMP_LTZ(3): event time from any form the log schema accepts (RFC 3339
-- with Z or offset, epoch millis as number or digit string); NULL if none or outside [2000, 2100). sources.sql uses it.
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS PARSE_EVENT_TIME AS 'io.llmeval.udfs.sql.ParseEventTimeFunction' LANGUAGE JAVA;

-- WILSON_LOWER_BOUND(k, n [, z]) -> DOUBLE: lower end of the Wilson score interval of k successes in n trials
-- (z = 1.96: 95%); NULL when n <= 0 or k is outside [0, n]. alerts.sql requires it above the rate threshold.
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS WILSON_LOWER_BOUND AS 'io.llmeval.udfs.sql.WilsonLowerBoundFunction' LANGUAGE JAVA;

-- COST_USD(model, ts, input, output, cache_read, cache_write) -> DOUBLE: USD of one request under the price table
-- (flink-conf/prices.yaml, an example, unless the job parameter llm-eval.prices.file names another; docs/cost.md).
-- Cache-read/-write tokens are part of input and priced once at their own prices; NULL when unpriced.
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS COST_USD AS 'io.llmeval.udfs.sql.CostUsdFunction' LANGUAGE JAVA;

-- Aggregates.

-- APPROX_PERCENTILE(value, p) -> DOUBLE: value at rank floor(p*(n-1)) within 1% relative error, from the DDSketch
-- the DataStream jobs use; state of a few KB per group. p is a literal in [0, 1]; values must be >= 0.
-- Flink's PERCENTILE(value, p) is exact but its state holds every distinct value (sql/README.md compares them).
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS APPROX_PERCENTILE AS 'io.llmeval.udfs.sql.ApproxPercentileFunction' LANGUAGE JAVA;

-- TOP_EXEMPLARS(id, weight) -> ARRAY<STRING>: the ids of the 3 rows with the largest weight, largest first (ties by
-- id), e.g. TOP_EXEMPLARS(COALESCE(trace_id, request_id), latency_ms): the exemplars an alert links to.
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS TOP_EXEMPLARS AS 'io.llmeval.udfs.sql.TopExemplarsFunction' LANGUAGE JAVA;

