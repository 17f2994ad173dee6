-- llm-eval SQL functions. Run once per session (SQL client: SET 'pipeline.jars' or ADD JAR the llm-eval
-- udfs jar first), then use them in any query. Every function returns NULL when a text argument is NULL.
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

-- Aggregates (APPROX_PERCENTILE, ...) follow below.
