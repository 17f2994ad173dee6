-- The 1-minute windows with the highest p95 latency and the highest error rate per (model, route): where to
-- look first after an alert. Batch query (--mode batch). Needs functions.sql, sources.sql, scores.sql and
-- windows.sql.
SELECT model, route, window_start, request_count, ROUND(latency_p95_ms, 1) AS latency_p95_ms,
       ROUND(error_rate, 4) AS error_rate, ROUND(hallucination_rate, 4) AS hallucination_rate
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY model, route ORDER BY latency_p95_ms DESC, error_rate DESC) AS rn
  FROM windows_1m
)
WHERE rn = 1
ORDER BY latency_p95_ms DESC, model, route;
