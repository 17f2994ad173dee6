-- alerts.sql: alert rules that run in the stream, and the job that writes their events. Needs functions.sql,
-- sources.sql, scores.sql and windows.sql first.
--
-- Each rule marks every 1-minute window of a (model, route) as breached or not:
--   hallucination_spike  hallucination_rate > ${HALLUCINATION_RATE_THRESHOLD} (default 0.10) over at least
--                        ${HALLUCINATION_MIN_SCORED} (30) scored requests, and the Wilson lower bound of that rate
--                        (z = ${ALERT_CONFIDENCE_Z}, 1.96: 95%) above the threshold too, so that 4 bad answers
--                        in 30 (0.13, lower bound 0.05) do not page anyone
--   latency_p95_high     p95 latency of the successful requests > ${LATENCY_P95_THRESHOLD_MS} ms (8000) over at
--                        least ${LATENCY_MIN_REQUESTS} (30) of them
--   error_rate_high      error_rate > ${ERROR_RATE_THRESHOLD} (0.10) over at least ${ERROR_MIN_REQUESTS} (30)
--   drift_detected       drift_windows.drift_detected (only where drift statistics exist: windows.sql)
--   cost_per_hour_high   cost_usd_per_hour > ${COST_PER_HOUR_THRESHOLD_USD}; off while that is negative (the default,
--                        -1): set a real threshold in USD per hour to turn it on
-- An incident is a run of ${ALERT_CONSECUTIVE_WINDOWS} (2) or more breached windows of one key, each starting
-- where the previous ended. It yields exactly two events, not one per window:
--   firing    when its ${ALERT_CONSECUTIVE_WINDOWS}th window closes; window_start = start of the incident's
--             first window, window_end = end of the window that fired it, value = that window's value,
--             exemplars = up to three ids of offending requests in it
--   resolved  when the next window of the key closes unbreached (or does not follow on: a minute without
--             traffic also ends the incident); window_start/window_end = the whole incident,
--             breached_windows = its length, value = the value of the window that resolved it
-- An incident still open when bounded input ends has only its firing event. A key that stops sending
-- traffic altogether resolves with its next window, whenever that comes.
--
-- The state machine is three OVER aggregations over the window rows of each (alert, model, route), ordered by
-- window_time: it runs the same in batch and streaming mode (window_time is the rowtime of the window
-- aggregation's output, so streaming OVER windows accept it) and keeps a few rows of state per key.

-- One row per rule, key and window. (A UNION, not one SELECT over UNNEST(ARRAY[rule names]): Flink plans an
-- UNNEST of constants as a join, which loses window_time's rowtime attribute in streaming mode. The rules
-- share the window aggregation's input; only hallucination_spike needs the scores.)
CREATE TEMPORARY VIEW alert_windows AS
SELECT CAST('hallucination_spike' AS STRING) AS alert, model, route, window_start, window_end, window_time,
       hallucination_rate AS `value`,
       CAST(${HALLUCINATION_RATE_THRESHOLD} AS DOUBLE) AS threshold,
       COALESCE(scored_count >= ${HALLUCINATION_MIN_SCORED}
                AND hallucination_rate > ${HALLUCINATION_RATE_THRESHOLD}
                AND WILSON_LOWER_BOUND(hallucinated_count, scored_count, CAST(${ALERT_CONFIDENCE_Z} AS DOUBLE))
                    > ${HALLUCINATION_RATE_THRESHOLD}, FALSE) AS breached,
       hallucination_exemplars AS exemplars
FROM windows_1m
UNION ALL
SELECT CAST('latency_p95_high' AS STRING), model, route, window_start, window_end, window_time,
       ok_latency_p95_ms,
       CAST(${LATENCY_P95_THRESHOLD_MS} AS DOUBLE),
       COALESCE(ok_count >= ${LATENCY_MIN_REQUESTS} AND ok_latency_p95_ms > ${LATENCY_P95_THRESHOLD_MS}, FALSE),
       latency_exemplars
FROM windows_1m
UNION ALL
SELECT CAST('error_rate_high' AS STRING), model, route, window_start, window_end, window_time,
       error_rate,
       CAST(${ERROR_RATE_THRESHOLD} AS DOUBLE),
       COALESCE(request_count >= ${ERROR_MIN_REQUESTS} AND error_rate > ${ERROR_RATE_THRESHOLD}, FALSE),
       error_exemplars
FROM windows_1m
UNION ALL
SELECT CAST('cost_per_hour_high' AS STRING), model, route, window_start, window_end, window_time,
       cost_usd_per_hour,
       CAST(${COST_PER_HOUR_THRESHOLD_USD} AS DOUBLE),
       COALESCE(${COST_PER_HOUR_THRESHOLD_USD} >= 0 AND cost_usd_per_hour > ${COST_PER_HOUR_THRESHOLD_USD}, FALSE),
       CAST(NULL AS ARRAY<STRING>)
FROM windows_1m
UNION ALL
SELECT CAST('drift_detected' AS STRING), model, route, window_start, window_end, window_time,
       statistic, threshold, COALESCE(drift_detected, FALSE), CAST(NULL AS ARRAY<STRING>)
FROM drift_windows;

-- Does each window continue a breach: breached, and so was the key's previous window, which ended where
-- this one starts?
CREATE TEMPORARY VIEW alert_steps AS
SELECT *,
       breached
         AND SUM(CASE WHEN breached THEN 1 ELSE 0 END) OVER previous_and_this = 2
         AND MIN(window_end) OVER previous_and_this = window_start AS continues
FROM alert_windows
WINDOW previous_and_this AS (
  PARTITION BY alert, model, route ORDER BY window_time ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);

-- The start of the latest run of breached windows, and how many windows the run has reached here.
CREATE TEMPORARY VIEW alert_streaks AS
SELECT alert, model, route, window_start, window_end, window_time, `value`, threshold, exemplars, run_start,
       CASE WHEN breached
            THEN CAST(TIMESTAMPDIFF(SECOND, run_start, window_end) / TIMESTAMPDIFF(SECOND, window_start, window_end)
                      AS INT)
            ELSE 0 END AS streak
FROM (
  SELECT *,
         MAX(CASE WHEN breached AND NOT continues THEN window_start END) OVER (
           PARTITION BY alert, model, route ORDER BY window_time
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run_start
  FROM alert_steps
);

-- Each window beside the previous one of its key: the previous streak, and where its run started and ended.
CREATE TEMPORARY VIEW alert_transitions AS
SELECT *,
       SUM(streak) OVER previous_and_this - streak AS previous_streak,
       MIN(run_start) OVER previous_and_this AS incident_start,
       MIN(window_end) OVER previous_and_this AS previous_window_end
FROM alert_streaks
WINDOW previous_and_this AS (
  PARTITION BY alert, model, route ORDER BY window_time ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);

-- The events: firing when a run reaches ${ALERT_CONSECUTIVE_WINDOWS} windows, resolved when a run at least that
-- long stops.
CREATE TEMPORARY VIEW alert_events AS
SELECT alert, CAST('firing' AS STRING) AS state, model, route,
       CAST(incident_start AS TIMESTAMP_LTZ(3)) AS window_start,
       CAST(window_end AS TIMESTAMP_LTZ(3)) AS window_end,
       `value`, threshold, streak AS breached_windows, exemplars
FROM alert_transitions
WHERE streak = ${ALERT_CONSECUTIVE_WINDOWS}
UNION ALL
SELECT alert, CAST('resolved' AS STRING) AS state, model, route,
       CAST(incident_start AS TIMESTAMP_LTZ(3)) AS window_start,
       CAST(previous_window_end AS TIMESTAMP_LTZ(3)) AS window_end,
       `value`, threshold, previous_streak AS breached_windows, CAST(NULL AS ARRAY<STRING>) AS exemplars
FROM alert_transitions
WHERE previous_streak >= ${ALERT_CONSECUTIVE_WINDOWS} AND streak <> previous_streak + 1;

-- The sinks: JSON, times as ISO-8601 UTC ("2026-01-01T00:06:00Z"), one event per record / line.
CREATE TEMPORARY TABLE alerts_kafka (
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
  'connector' = 'kafka',
  'topic' = '${ALERTS_TOPIC}',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  -- Keyed by alert and key: one incident's events land in one partition, in order.
  'key.format' = 'json',
  'key.fields' = 'alert;model;route',
  'value.format' = 'json',
  'value.fields-include' = 'ALL',
  'value.json.timestamp-format.standard' = 'ISO-8601',
  'sink.delivery-guarantee' = 'at-least-once',
  -- Reading the topic back (the SELECT below) stops at its current end.
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

CREATE TEMPORARY TABLE alerts_files WITH (
  'connector' = 'filesystem',
  'path' = '${OUTPUT_PATH}/alerts',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
) LIKE alerts_kafka (EXCLUDING OPTIONS);

-- The alert job: ${ALERTS_TABLE} is alerts_files with --mode batch, alerts_kafka with --mode streaming.
-- A streaming job over Kafka runs until cancelled.
INSERT INTO ${ALERTS_TABLE} SELECT * FROM alert_events;

-- Once the job has finished (bounded input), the events it wrote. A directory that held earlier runs' events
-- shows them too: give each run its own OUTPUT_PATH.
SELECT alert, state, model, route, window_start, window_end, `value`, threshold, breached_windows, exemplars
FROM ${ALERTS_TABLE};
