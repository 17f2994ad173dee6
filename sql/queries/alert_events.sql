-- The alert events that alerts.sql wrote to ${OUTPUT_PATH}/alerts/ (alerts_files), in time order.
-- Stand-alone batch query: llm-eval sql -f sql/queries/alert_events.sql --mode batch --var OUTPUT_PATH=...
SET 'table.local-time-zone' = 'UTC';

CREATE TEMPORARY TABLE alert_history (
  alert            STRING,
  state            STRING,
  model            STRING,
  route            STRING,
  window_start     TIMESTAMP_LTZ(3),
  window_end       TIMESTAMP_LTZ(3),
  `value`          DOUBLE,
  threshold        DOUBLE,
  breached_windows INT,
  exemplars        ARRAY<STRING>
) WITH (
  'connector' = 'filesystem',
  'path' = '${OUTPUT_PATH}/alerts',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

SELECT alert, state, model, route, window_start, window_end, ROUND(`value`, 4) AS `value`, threshold,
       breached_windows, exemplars
FROM alert_history
ORDER BY window_start, alert, model, route, window_end, state;
