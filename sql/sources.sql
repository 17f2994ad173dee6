-- sources.sql: the request logs as tables, in the log schema of docs/log-schema.md, and the `requests` view
-- every other file reads. Needs functions.sql (PARSE_EVENT_TIME) first.
--
--   requests_kafka   the Kafka topic ${REQUESTS_TOPIC} at ${KAFKA_BOOTSTRAP}: one JSON record per message
--   requests_files   archived JSON-lines files under ${LOGS_PATH} (a directory tree, read recursively; plain
--                    .jsonl; names starting with '.' or '_' are skipped); bounded in both modes
--   requests         the valid records of ${REQUESTS_TABLE} (default: requests_files with --mode batch,
--                    requests_kafka with --mode streaming), defaults applied
--
-- Records are skipped, not dead-lettered: JSON that does not parse ('json.ignore-parse-errors'), and records
-- the DataStream parser would reject (no request_id or model, latency_ms missing or negative, a status other
-- than ok/error, a timestamp in no accepted form). The DataStream jobs write those to dead-letters/ and
-- count them; here they only disappear from the counts, so compare request_count with your source's own.

-- Window boundaries and printed times in UTC, as in the DataStream jobs' output.
SET 'table.local-time-zone' = 'UTC';
-- A Kafka partition without traffic does not hold back the watermark of the others for more than a minute.
SET 'table.exec.source.idle-timeout' = '1 min';

CREATE TEMPORARY TABLE requests_kafka (
  request_id    STRING,
  -- RFC 3339 string (Z or offset) or epoch milliseconds (JSON number or digit string): parsed below.
  `timestamp`   STRING,
  model         STRING,
  route         STRING,
  tenant        STRING,
  trace_id      STRING,
  span_id       STRING,
  prompt        STRING,
  response      STRING,
  reference     STRING,
  latency_ms    DOUBLE,
  ttft_ms       DOUBLE,
  input_tokens  BIGINT,
  output_tokens BIGINT,
  -- Parts of input_tokens / output_tokens (docs/log-schema.md), priced by COST_USD in scores.sql.
  cache_read_input_tokens  BIGINT,
  cache_write_input_tokens BIGINT,
  reasoning_output_tokens  BIGINT,
  status        STRING,
  error_type    STRING,
  mean_logprob  DOUBLE,
  attributes    MAP<STRING, STRING>,
  -- A rowtime must not be NULL: unparseable timestamps get epoch 0, and the requests view drops them.
  event_time AS COALESCE(PARSE_EVENT_TIME(`timestamp`), TO_TIMESTAMP_LTZ(0, 3)),
  -- Shippers batch and retry: records arrive up to ${WATERMARK_DELAY_SECONDS} s out of order.
  WATERMARK FOR event_time AS event_time - INTERVAL '${WATERMARK_DELAY_SECONDS}' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = '${REQUESTS_TOPIC}',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.group.id' = '${KAFKA_GROUP}',
  'scan.startup.mode' = '${KAFKA_STARTUP_MODE}',
  'properties.auto.offset.reset' = 'earliest',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

-- Same columns, computed column and watermark as requests_kafka.
CREATE TEMPORARY TABLE requests_files WITH (
  'connector' = 'filesystem',
  'path' = '${LOGS_PATH}',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
) LIKE requests_kafka (EXCLUDING OPTIONS);

CREATE TEMPORARY VIEW requests AS
SELECT
  request_id,
  event_time,
  model,
  COALESCE(NULLIF(route, ''), 'default') AS route,
  tenant,
  trace_id,
  span_id,
  prompt,
  response,
  reference,
  latency_ms,
  ttft_ms,
  input_tokens,
  output_tokens,
  cache_read_input_tokens,
  cache_write_input_tokens,
  reasoning_output_tokens,
  COALESCE(status, 'ok') = 'error' AS is_error,
  error_type,
  mean_logprob,
  attributes
FROM ${REQUESTS_TABLE}
WHERE event_time > TO_TIMESTAMP_LTZ(0, 3)
  AND CHAR_LENGTH(TRIM(request_id)) > 0
  AND CHAR_LENGTH(TRIM(model)) > 0
  AND latency_ms >= 0
  AND (ttft_ms IS NULL OR ttft_ms >= 0)
  AND (input_tokens IS NULL OR input_tokens >= 0)
  AND (output_tokens IS NULL OR output_tokens >= 0)
  AND (cache_read_input_tokens IS NULL OR cache_read_input_tokens >= 0)
  AND (cache_write_input_tokens IS NULL OR cache_write_input_tokens >= 0)
  AND (reasoning_output_tokens IS NULL OR reasoning_output_tokens >= 0)
  AND (input_tokens IS NULL
       OR COALESCE(cache_read_input_tokens, 0) + COALESCE(cache_write_input_tokens, 0) <= input_tokens)
  AND (output_tokens IS NULL OR reasoning_output_tokens IS NULL OR reasoning_output_tokens <= output_tokens)
  AND (status IS NULL OR status IN ('ok', 'error'));
