-- p50/p95/p99 latency by model and day (UTC), approximate (APPROX_PERCENTILE: the DataStream jobs' sketch,
-- 1% relative error) beside Flink's exact PERCENTILE, whose state holds every distinct latency of a group.
-- Batch query (--mode batch). Needs functions.sql and sources.sql.
SELECT
  model,
  window_start AS `day`,
  COUNT(*) AS requests,
  ROUND(APPROX_PERCENTILE(latency_ms, 0.5), 1) AS p50_ms,
  ROUND(APPROX_PERCENTILE(latency_ms, 0.95), 1) AS p95_ms,
  ROUND(APPROX_PERCENTILE(latency_ms, 0.99), 1) AS p99_ms,
  ROUND(PERCENTILE(latency_ms, 0.99), 1) AS p99_exact_ms
FROM TABLE(TUMBLE(TABLE requests, DESCRIPTOR(event_time), INTERVAL '1' DAY))
GROUP BY model, window_start, window_end
ORDER BY `day`, model;
