package io.llmeval.jobs.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.Map;

/** Writes a {@link LogRecord} back as a schema-v1 JSON line (late records' dead letters, Kafka replays). */
public final class LogRecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogRecordJson() {}

    public static String toJson(LogRecord r) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("request_id", r.requestId);
        json.put("timestamp", EventTimestamps.format(r.timestampMillis));
        json.put("model", r.model);
        json.put("route", r.route);
        putIfPresent(json, "tenant", r.tenant);
        putIfPresent(json, "trace_id", r.traceId);
        putIfPresent(json, "span_id", r.spanId);
        putIfPresent(json, "prompt", r.prompt);
        putIfPresent(json, "response", r.response);
        putIfPresent(json, "reference", r.reference);
        json.put("latency_ms", r.latencyMs);
        if (r.ttftMs != null) {
            json.put("ttft_ms", r.ttftMs);
        }
        if (r.inputTokens != null) {
            json.put("input_tokens", r.inputTokens);
        }
        if (r.outputTokens != null) {
            json.put("output_tokens", r.outputTokens);
        }
        putIfPresent(json, "cache_read_input_tokens", r.cacheReadInputTokens);
        putIfPresent(json, "cache_write_input_tokens", r.cacheWriteInputTokens);
        putIfPresent(json, "reasoning_output_tokens", r.reasoningOutputTokens);
        json.put("status", r.error ? "error" : "ok");
        putIfPresent(json, "error_type", r.errorType);
        if (r.meanLogprob != null) {
            json.put("mean_logprob", r.meanLogprob);
        }
        if (r.attributes != null) {
            ObjectNode attributes = json.putObject("attributes");
            for (Map.Entry<String, String> e : r.attributes.entrySet()) {
                attributes.put(e.getKey(), e.getValue());
            }
        }
        if (r.extraJson != null) {
            try {
                JsonNode extra = MAPPER.readTree(r.extraJson);
                extra.fields().forEachRemaining(e -> json.set(e.getKey(), e.getValue()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("extraJson is not JSON", e);
            }
        }
        return json.toString();
    }

    private static void putIfPresent(ObjectNode json, String field, Long value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
