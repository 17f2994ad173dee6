-- Top hallucinating (model, route) pairs over the last hour of data: the share of scored answers flagged as
-- hallucinated, with its Wilson 95% lower bound (how sure the rate is above a level) and example traces.
-- Batch query (--mode batch): "the last hour" ends at the newest record of the source.
-- Needs functions.sql, sources.sql and scores.sql.
SELECT
  model,
  route,
  COUNT(*) AS scored,
  SUM(CASE WHEN hallucinated THEN 1 ELSE 0 END) AS hallucinated,
  ROUND(CAST(SUM(CASE WHEN hallucinated THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*), 4) AS hallucination_rate,
  ROUND(WILSON_LOWER_BOUND(SUM(CASE WHEN hallucinated THEN 1 ELSE 0 END), COUNT(*)), 4) AS rate_lower_bound,
  TOP_EXEMPLARS(CASE WHEN hallucinated THEN exemplar_id END, hallucination_score) AS exemplars
FROM request_scores
WHERE scored
  AND event_time > (SELECT MAX(event_time) FROM requests) - INTERVAL '1' HOUR
GROUP BY model, route
ORDER BY hallucination_rate DESC, model, route
LIMIT 10;
