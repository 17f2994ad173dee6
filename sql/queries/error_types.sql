-- Errors by (model, route) and error type over the last hour of data, with the slowest failing traces.
-- Batch query (--mode batch). Needs functions.sql, sources.sql and scores.sql.
SELECT
  model,
  route,
  COALESCE(error_type, '(none)') AS error_type,
  COUNT(*) AS errors,
  ROUND(AVG(latency_ms), 1) AS mean_latency_ms,
  TOP_EXEMPLARS(exemplar_id, latency_ms) AS slowest
FROM request_scores
WHERE is_error
  AND event_time > (SELECT MAX(event_time) FROM requests) - INTERVAL '1' HOUR
GROUP BY model, route, COALESCE(error_type, '(none)')
ORDER BY errors DESC, model, route, error_type;
