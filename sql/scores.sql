-- scores.sql: per-record scores. Needs functions.sql and sources.sql first.
--
--   request_scores   every valid request with its hallucination score, the DataStream pipeline's rule:
--                    records with a non-blank response and reference are scored (`scored`), with
--                    HALLUCINATION_SCORE(response, reference, mean_logprob, no similarity); `hallucinated` is
--                    score >= ${HALLUCINATION_SCORE_THRESHOLD} (default 0.5, llm-eval.hallucination.threshold).
--                    Unscored records have NULL scores: they count as unscored, never as good.
--                    rouge_l_f is ROUGE-L F of (reference, response), stemmed, as in rouge_l_f_mean.
--                    exemplar_id is what alerts link to: the trace id, or the request id without one.
--                    cost_usd is COST_USD of the request (NULL when the price table does not price it).
--
-- Scoring costs tens of microseconds a record; a query that does not select the score columns does not
-- compute them (Flink drops unused columns of a view).

CREATE TEMPORARY VIEW request_scores AS
SELECT
  request_id,
  event_time,
  model,
  route,
  tenant,
  trace_id,
  COALESCE(trace_id, request_id) AS exemplar_id,
  latency_ms,
  ttft_ms,
  input_tokens,
  output_tokens,
  COST_USD(model, event_time, input_tokens, output_tokens, cache_read_input_tokens, cache_write_input_tokens)
    AS cost_usd,
  is_error,
  error_type,
  mean_logprob,
  scored,
  hallucination_score,
  hallucination_score >= ${HALLUCINATION_SCORE_THRESHOLD} AS hallucinated,
  rouge_l_f
FROM (
  SELECT
    *,
    CASE WHEN scored THEN HALLUCINATION_SCORE(response, reference, mean_logprob, CAST(NULL AS DOUBLE)) END
      AS hallucination_score,
    CASE WHEN scored THEN ROUGE_L(reference, response, 'f', TRUE) END AS rouge_l_f
  FROM (
    SELECT
      *,
      COALESCE(CHAR_LENGTH(TRIM(response)) > 0 AND CHAR_LENGTH(TRIM(reference)) > 0, FALSE) AS scored
    FROM requests
  )
);
