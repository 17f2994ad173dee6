-- windows.sql: window views per (model, route). Needs functions.sql, sources.sql and scores.sql first.
--
--   windows_1m        1-minute tumbling windows: the columns of the DataStream jobs' windows/ output
--                     (docs/pipeline.md), same definitions, plus what alerts use: ok_count and
--                     ok_latency_p95_ms (successful requests only: an error burst's 30-second timeouts are
--                     error_rate_high's business, not latency_p95_high's), up to three exemplar ids, and
--                     cost_usd_per_hour (cost_usd_sum per hour of window, cost_per_hour_high's value)
--   windows_5m_hop    5-minute windows every minute (HOP): smoother latency and error figures for dashboards
--   drift_windows     drift statistics per window, where available (see below)
--
-- Percentiles are APPROX_PERCENTILE, the DDSketch of the DataStream jobs: the same values bit for bit, in a
-- few KB of state per key and window. Window bounds are TIMESTAMP(3) in the session time zone (UTC, set in
-- sources.sql); window_time is the rowtime of the window's rows (window_end - 1 ms).

CREATE TEMPORARY VIEW windows_1m AS
SELECT
  model,
  route,
  window_start,
  window_end,
  window_time,
  request_count,
  error_count,
  CAST(error_count AS DOUBLE) / request_count AS error_rate,
  CAST(request_count AS DOUBLE) / 60 AS rps,
  latency_p50_ms,
  latency_p90_ms,
  latency_p95_ms,
  latency_p99_ms,
  latency_max_ms,
  ttft_p50_ms,
  ttft_p95_ms,
  input_tokens_sum,
  output_tokens_sum,
  CAST(output_tokens_sum AS DOUBLE) / 60 AS output_tokens_per_s,
  scored_count,
  hallucinated_count,
  CAST(hallucinated_count AS DOUBLE) / NULLIF(scored_count, 0) AS hallucination_rate,
  hallucination_score_mean,
  rouge_l_f_mean,
  COALESCE(cost_usd_sum, 0) AS cost_usd_sum,
  cost_usd_sum / NULLIF(priced_count, 0) AS cost_usd_per_request,
  request_count - priced_count AS unpriced_count,
  COALESCE(cost_usd_sum, 0) * 60 AS cost_usd_per_hour,
  ok_count,
  ok_latency_p95_ms,
  hallucination_exemplars,
  latency_exemplars,
  error_exemplars
FROM (
  SELECT
    model,
    route,
    window_start,
    window_end,
    window_time,
    COUNT(*) AS request_count,
    SUM(CASE WHEN is_error THEN 1 ELSE 0 END) AS error_count,
    APPROX_PERCENTILE(latency_ms, 0.5) AS latency_p50_ms,
    APPROX_PERCENTILE(latency_ms, 0.9) AS latency_p90_ms,
    APPROX_PERCENTILE(latency_ms, 0.95) AS latency_p95_ms,
    APPROX_PERCENTILE(latency_ms, 0.99) AS latency_p99_ms,
    MAX(latency_ms) AS latency_max_ms,
    APPROX_PERCENTILE(ttft_ms, 0.5) AS ttft_p50_ms,
    APPROX_PERCENTILE(ttft_ms, 0.95) AS ttft_p95_ms,
    SUM(input_tokens) AS input_tokens_sum,
    SUM(output_tokens) AS output_tokens_sum,
    SUM(CASE WHEN scored THEN 1 ELSE 0 END) AS scored_count,
    SUM(CASE WHEN hallucinated THEN 1 ELSE 0 END) AS hallucinated_count,
    AVG(hallucination_score) AS hallucination_score_mean,
    AVG(rouge_l_f) AS rouge_l_f_mean,
    SUM(cost_usd) AS cost_usd_sum,
    COUNT(cost_usd) AS priced_count,
    SUM(CASE WHEN is_error THEN 0 ELSE 1 END) AS ok_count,
    APPROX_PERCENTILE(CASE WHEN NOT is_error THEN latency_ms END, 0.95) AS ok_latency_p95_ms,
    -- The most confidently hallucinated answers, the slowest successful requests, the slowest errors.
    TOP_EXEMPLARS(CASE WHEN hallucinated THEN exemplar_id END, hallucination_score) AS hallucination_exemplars,
    TOP_EXEMPLARS(CASE WHEN NOT is_error THEN exemplar_id END, latency_ms) AS latency_exemplars,
    TOP_EXEMPLARS(CASE WHEN is_error THEN exemplar_id END, latency_ms) AS error_exemplars
  FROM TABLE(TUMBLE(TABLE request_scores, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
  GROUP BY model, route, window_start, window_end, window_time
);

CREATE TEMPORARY VIEW windows_5m_hop AS
SELECT
  model,
  route,
  window_start,
  window_end,
  window_time,
  request_count,
  CAST(error_count AS DOUBLE) / request_count AS error_rate,
  latency_p50_ms,
  latency_p95_ms,
  latency_p99_ms,
  scored_count,
  CAST(hallucinated_count AS DOUBLE) / NULLIF(scored_count, 0) AS hallucination_rate
FROM (
  SELECT
    model,
    route,
    window_start,
    window_end,
    window_time,
    COUNT(*) AS request_count,
    SUM(CASE WHEN is_error THEN 1 ELSE 0 END) AS error_count,
    APPROX_PERCENTILE(latency_ms, 0.5) AS latency_p50_ms,
    APPROX_PERCENTILE(latency_ms, 0.95) AS latency_p95_ms,
    APPROX_PERCENTILE(latency_ms, 0.99) AS latency_p99_ms,
    SUM(CASE WHEN scored THEN 1 ELSE 0 END) AS scored_count,
    SUM(CASE WHEN hallucinated THEN 1 ELSE 0 END) AS hallucinated_count
  FROM TABLE(HOP(TABLE request_scores, DESCRIPTOR(event_time), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
  GROUP BY model, route, window_start, window_end, window_time
);

-- drift_windows: drift statistics per (model, route, window), where available. Nothing in this repository
-- computes them yet (drift detection is its own issue, udfs/.../drift). To alert on drift, define a
-- TEMPORARY table or view named drift_windows BEFORE this file, with these columns:
--   model STRING, route STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
--   window_time TIMESTAMP_LTZ(3) (its rowtime attribute in streaming mode), `method` STRING,
--   statistic DOUBLE, threshold DOUBLE, drift_detected BOOLEAN
-- (one row per window and key; consecutive windows are adjacent, e.g. 5-minute tumbling windows).
-- Without one, this placeholder stands in: the same columns, no rows, so drift_detected never fires.
CREATE TEMPORARY VIEW IF NOT EXISTS drift_windows AS
SELECT
  model,
  route,
  window_start,
  window_end,
  window_time,
  CAST(NULL AS STRING) AS `method`,
  CAST(NULL AS DOUBLE) AS statistic,
  CAST(NULL AS DOUBLE) AS threshold,
  FALSE AS drift_detected
FROM TABLE(TUMBLE(TABLE requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTE))
WHERE FALSE;
