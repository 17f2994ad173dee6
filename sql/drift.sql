-- drift.sql: drift_windows from the drift verdicts of the evaluation job. Needs functions.sql (PARSE_EVENT_TIME)
-- first, and must come BEFORE windows.sql (whose drift_windows placeholder then stands aside).
--
-- Drift is computed by the DataStream job (`llm-eval backfill|stream --reference ...`), not in SQL: a verdict
-- embeds a sample of each window's prompts with all-MiniLM-L6-v2 on ND4J, whose native libraries do not belong in
-- the self-contained function jar that Flink's SQL client loads, and the window-close statistics need the whole
-- sample at once. The job writes one row per (model, route, 5-minute window) to OUTPUT/drift/ (columns in
-- docs/drift.md); this file reads them, so that alerts.sql raises drift_detected beside the other alerts.
--
-- ${DRIFT_PATH}: the job's drift/ directory, e.g. /tmp/backfill-out/drift (default: drift).
CREATE TEMPORARY TABLE drift_output (
  window_start          STRING,
  window_end            STRING,
  model                 STRING,
  route                 STRING,
  drift_field           STRING,
  drift_status          STRING,
  drift_method          STRING,
  drift_score           DOUBLE,
  drift_detected        BOOLEAN,
  drift_statistic       DOUBLE,
  drift_threshold       DOUBLE,
  drift_sample_count    BIGINT,
  drift_seen_count      BIGINT,
  prompt_tokens_drift_score      DOUBLE,
  prompt_tokens_drift_detected   BOOLEAN,
  response_tokens_drift_score    DOUBLE,
  response_tokens_drift_detected BOOLEAN,
  -- The window's rowtime, as a window aggregation's window_time: its last millisecond.
  window_time AS PARSE_EVENT_TIME(window_end) - INTERVAL '0.001' SECOND,
  WATERMARK FOR window_time AS window_time
) WITH (
  'connector' = 'filesystem',
  'path' = '${DRIFT_PATH}',
  'format' = 'json'
);

-- One row per key and window with a verdict (windows with insufficient_samples have none), in the shape
-- windows.sql documents for drift_windows.
CREATE TEMPORARY VIEW drift_windows AS
SELECT
  model,
  route,
  CAST(PARSE_EVENT_TIME(window_start) AS TIMESTAMP(3)) AS window_start,
  CAST(PARSE_EVENT_TIME(window_end) AS TIMESTAMP(3)) AS window_end,
  window_time,
  drift_method AS `method`,
  drift_statistic AS statistic,
  drift_threshold AS threshold,
  drift_detected
FROM drift_output
WHERE drift_status = 'ok';
