package io.llmeval.jobs.otel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.llmeval.jobs.schema.EventTimestamps;
import io.llmeval.jobs.schema.LogRecord;
import io.llmeval.jobs.schema.LogRecordParser;
import io.llmeval.jobs.schema.ParseResult;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.schema.RecordParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads OTLP/JSON {@code ExportTraceServiceRequest} documents, as the OpenTelemetry Collector's file and Kafka
 * exporters write them ({@code encoding: otlp_json}), into records: one result per span, or one dead letter for a
 * document that cannot be read (docs/otel.md).
 *
 * <pre>{@code
 * RecordParser parser = new OtlpJsonParser(ParserLimits.DEFAULTS, otelConfig);
 * parser.parse(rawLine, result -> ...);   // GenAI request spans as records, other spans as span-only records
 * }</pre>
 *
 * <p>The OTLP/JSON rules: keys are lowerCamelCase and unknown keys are ignored; {@code traceId}/{@code spanId} are
 * hex, in either case (normalised to lower case); 64-bit integers ({@code startTimeUnixNano}, {@code intValue}) are
 * decimal strings, plain JSON numbers accepted too; enums ({@code status.code}) are integers (the proto3 names are
 * accepted too). A span with {@code gen_ai.request.model} (or {@code gen_ai.response.model}) is a request: its
 * GenAI attributes become a schema-v1 record, validated by {@link LogRecordParser#validate} as any log line. Every
 * other span goes on as a span for the stage breakdown. Spans are read on their own: a bad span is a dead letter,
 * its neighbours are not.
 */
public final class OtlpJsonParser implements RecordParser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ANY_VALUE_FIELDS = List.of(
            "stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue");

    private final LogRecordParser records;
    private final OtelConfig config;

    public OtlpJsonParser(ParserLimits limits, OtelConfig config) {
        this.records = new LogRecordParser(limits);
        this.config = config;
    }

    @Override
    public void parse(RawLine line, Consumer<ParseResult> out) {
        LogRecordParser.Decoded decoded = records.decode(line);
        if (decoded.deadLetter() != null) {
            out.accept(decoded.deadLetter());
        } else {
            parse(decoded.text(), line.source, out);
        }
    }

    /** Parses one decoded document; {@code source} is its position, each span's is {@code source#index}. */
    public void parse(String text, String source, Consumer<ParseResult> out) {
        JsonNode root;
        try {
            root = records.readTree(text);
        } catch (JsonProcessingException e) {
            out.accept(records.dead("malformed_json", text, source));
            return;
        }
        if (root == null || root.isMissingNode()) {
            out.accept(records.dead("malformed_json", text, source));
            return;
        }
        if (!root.isObject()) {
            out.accept(records.dead("not_an_object", text, source));
            return;
        }
        List<PlacedSpan> spans = new ArrayList<>();
        try {
            collectSpans(root, spans);
        } catch (Invalid e) {
            out.accept(records.dead(e.getMessage(), text, source));
            return;
        }
        Map<String, Map<String, JsonNode>> traces = indexByTrace(spans);
        for (int i = 0; i < spans.size(); i++) {
            out.accept(span(spans.get(i), source + "#" + i, traces));
        }
    }

    /** A span with the attributes of its resource. */
    private record PlacedSpan(JsonNode span, Map<String, JsonNode> resource) {}

    /** resourceSpans[].scopeSpans[].spans[]: a document whose structure is wrong is one dead letter. */
    private static void collectSpans(JsonNode root, List<PlacedSpan> spans) throws Invalid {
        JsonNode resourceSpans = root.get("resourceSpans");
        if (resourceSpans == null || resourceSpans.isNull()) {
            throw new Invalid("missing_field:resourceSpans");
        }
        for (JsonNode resourceSpan : array(resourceSpans, "resourceSpans")) {
            if (!resourceSpan.isObject()) {
                throw new Invalid("invalid_field:resourceSpans");
            }
            Map<String, JsonNode> resource = attributes(resourceSpan.path("resource").get("attributes"), "resource");
            for (JsonNode scopeSpan : array(resourceSpan.get("scopeSpans"), "scopeSpans")) {
                if (!scopeSpan.isObject()) {
                    throw new Invalid("invalid_field:scopeSpans");
                }
                for (JsonNode span : array(scopeSpan.get("spans"), "spans")) {
                    spans.add(new PlacedSpan(span, resource));
                }
            }
        }
    }

    /** traceId → spanId → span, of the spans with readable ids: where each request's root span is looked up. */
    private static Map<String, Map<String, JsonNode>> indexByTrace(List<PlacedSpan> spans) {
        Map<String, Map<String, JsonNode>> traces = new HashMap<>();
        for (PlacedSpan placed : spans) {
            try {
                String traceId = hexId(placed.span(), "traceId", 32);
                String spanId = hexId(placed.span(), "spanId", 16);
                traces.computeIfAbsent(traceId, t -> new HashMap<>()).putIfAbsent(spanId, placed.span());
            } catch (Invalid e) {
                // its own dead letter, below
            }
        }
        return traces;
    }

    private ParseResult span(PlacedSpan placed, String source, Map<String, Map<String, JsonNode>> traces) {
        JsonNode node = placed.span();
        String raw = node.toString();
        try {
            if (!node.isObject()) {
                throw new Invalid("invalid_field:spans");
            }
            TraceSpan span = new TraceSpan();
            span.traceId = hexId(node, "traceId", 32);
            span.spanId = hexId(node, "spanId", 16);
            JsonNode parent = node.get("parentSpanId");
            span.parentSpanId = parent == null || parent.isNull() || parent.asText().isEmpty() ? null : hexId(node, "parentSpanId", 16);
            JsonNode name = node.get("name");
            if (name != null && !name.isNull() && !name.isTextual()) {
                throw new Invalid("invalid_field:name");
            }
            span.name = name == null || name.isNull() ? "" : name.textValue();
            span.startNanos = requiredInt64(node, "startTimeUnixNano");
            span.endNanos = requiredInt64(node, "endTimeUnixNano");
            long startMillis = span.startMillis();
            if (startMillis < EventTimestamps.MIN_MILLIS || startMillis >= EventTimestamps.MAX_MILLIS) {
                throw new Invalid("invalid_field:startTimeUnixNano");
            }
            if (span.endNanos < span.startNanos) {
                throw new Invalid("invalid_field:endTimeUnixNano");
            }
            span.stage = config.stageOf(span.name);
            span.source = source;
            Map<String, JsonNode> attributes = attributes(node.get("attributes"), "attributes");
            int statusCode = statusCode(node.get("status"));
            String model = text(attributes, GenAi.REQUEST_MODEL, GenAi.RESPONSE_MODEL);
            if (model == null) {
                LogRecord spanOnly = new LogRecord();
                spanOnly.timestampMillis = startMillis;
                spanOnly.source = source;
                spanOnly.span = span;
                return ParseResult.valid(spanOnly);
            }
            span.request = true;
            String route = route(attributes, placed.resource(), span, traces.get(span.traceId));
            ParseResult result = records.validate(requestFields(span, model, route, attributes, statusCode), raw, source);
            if (result.isValid()) {
                LogRecord record = result.record();
                span.model = record.model;
                span.route = record.route;
                record.span = span;
            }
            return result;
        } catch (Invalid e) {
            return records.dead(e.getMessage(), raw, source);
        }
    }

    /** The GenAI attributes of a request span as a schema-v1 object (mapping table: docs/otel.md). */
    private ObjectNode requestFields(TraceSpan span, String model, String route, Map<String, JsonNode> a, int statusCode) {
        ObjectNode r = NODES.objectNode();
        r.put("request_id", span.spanId);
        r.put("timestamp", span.startMillis());
        r.put("model", model);
        r.put("route", route);
        r.put("trace_id", span.traceId);
        r.put("span_id", span.spanId);
        r.put("latency_ms", span.durationNanos() / 1e6);
        putIfPresent(r, "input_tokens", first(a, GenAi.INPUT_TOKENS, GenAi.PROMPT_TOKENS));
        putIfPresent(r, "output_tokens", first(a, GenAi.OUTPUT_TOKENS, GenAi.COMPLETION_TOKENS));
        putIfPresent(r, "cache_read_input_tokens", a.get(GenAi.CACHE_READ_INPUT_TOKENS));
        putIfPresent(r, "cache_write_input_tokens", a.get(GenAi.CACHE_CREATION_INPUT_TOKENS));
        putIfPresent(r, "reasoning_output_tokens", a.get(GenAi.REASONING_OUTPUT_TOKENS));
        JsonNode ttftSeconds = first(a, GenAi.TIME_TO_FIRST_CHUNK, GenAi.TIME_TO_FIRST_TOKEN);
        if (ttftSeconds != null) {
            r.set("ttft_ms", ttftSeconds.isNumber() ? DoubleNode.valueOf(ttftSeconds.doubleValue() * 1000) : ttftSeconds);
        }
        JsonNode errorType = a.get(GenAi.ERROR_TYPE);
        r.put("status", statusCode == 2 || errorType != null ? "error" : "ok");
        putIfPresent(r, "error_type", errorType);
        putIfPresent(r, "prompt", Messages.lastUserText(first(a, GenAi.INPUT_MESSAGES, GenAi.PROMPT)));
        putIfPresent(r, "response", Messages.text(first(a, GenAi.OUTPUT_MESSAGES, GenAi.COMPLETION)));
        putIfPresent(r, "reference", a.get(GenAi.REFERENCE));
        ObjectNode kept = NODES.objectNode();
        for (String key : GenAi.KEPT_ATTRIBUTES) {
            JsonNode value = a.get(key);
            if (value != null && value.isValueNode() && !value.isNull()) {
                kept.set(key, value);
            }
        }
        if (!kept.isEmpty()) {
            r.set("attributes", kept);
        }
        return r;
    }

    /**
     * The route: the configured attribute on the span, then on its resource; else the name of the trace's root span,
     * looked up within this document (the top-most ancestor found; the span's own name when it is the root).
     */
    private String route(Map<String, JsonNode> attributes, Map<String, JsonNode> resource, TraceSpan span,
                         Map<String, JsonNode> trace) {
        String route = text(attributes, config.routeAttribute());
        if (route == null) {
            route = text(resource, config.routeAttribute());
        }
        if (route != null) {
            return route;
        }
        String name = span.name;
        String parent = span.parentSpanId;
        Set<String> seen = new HashSet<>();
        while (parent != null && trace != null && seen.add(parent)) {
            JsonNode ancestor = trace.get(parent);
            if (ancestor == null) {
                break;
            }
            name = ancestor.path("name").asText("");
            String next = ancestor.path("parentSpanId").asText("").toLowerCase(java.util.Locale.ROOT);
            parent = next.isEmpty() ? null : next;
        }
        return name;
    }

    private static void putIfPresent(ObjectNode r, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            r.set(field, value);
        }
    }

    private static void putIfPresent(ObjectNode r, String field, String value) {
        if (value != null) {
            r.put(field, value);
        }
    }

    private static JsonNode first(Map<String, JsonNode> attributes, String key, String deprecatedKey) {
        JsonNode value = attributes.get(key);
        return value != null ? value : attributes.get(deprecatedKey);
    }

    private static String text(Map<String, JsonNode> attributes, String... keys) {
        for (String key : keys) {
            JsonNode value = attributes.get(key);
            if (value != null && value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue();
            }
        }
        return null;
    }

    // ---- OTLP/JSON encoding rules

    private static Iterable<JsonNode> array(JsonNode node, String field) throws Invalid {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Invalid("invalid_field:" + field);
        }
        return node;
    }

    /** A trace or span id: hex of {@code length} digits in either case, not all zeros (invalid by the spec). */
    static String hexId(JsonNode span, String field, int length) throws Invalid {
        JsonNode node = span.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            throw new Invalid("missing_field:" + field);
        }
        String text = node.isTextual() ? node.textValue() : "";
        boolean nonZero = false;
        for (int i = 0; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new Invalid("invalid_field:" + field);
            }
            nonZero |= digit != 0;
        }
        if (text.length() != length || !nonZero) {
            throw new Invalid("invalid_field:" + field);
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    private static long requiredInt64(JsonNode span, String field) throws Invalid {
        JsonNode node = span.get(field);
        if (node == null || node.isNull()) {
            throw new Invalid("missing_field:" + field);
        }
        Long value = int64(node);
        if (value == null) {
            throw new Invalid("invalid_field:" + field);
        }
        return value;
    }

    /** A 64-bit integer: a decimal string as the spec writes it, or a JSON integer; {@code null} for anything else. */
    static Long int64(JsonNode node) {
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    /** {@code status.code}: 0 unset, 1 ok, 2 error; the proto3 enum names are accepted too. */
    private static int statusCode(JsonNode status) throws Invalid {
        if (status == null || status.isNull()) {
            return 0;
        }
        JsonNode code = status.get("code");
        if (code == null || code.isNull()) {
            return 0;
        }
        if (code.isIntegralNumber() && code.intValue() >= 0 && code.intValue() <= 2) {
            return code.intValue();
        }
        return switch (code.asText()) {
            case "STATUS_CODE_UNSET" -> 0;
            case "STATUS_CODE_OK" -> 1;
            case "STATUS_CODE_ERROR" -> 2;
            default -> throw new Invalid("invalid_field:status");
        };
    }

    /** A list of {@code KeyValue}s as key → JSON value; the first of a repeated key wins. */
    static Map<String, JsonNode> attributes(JsonNode list, String field) throws Invalid {
        if (list == null || list.isNull()) {
            return Map.of();
        }
        if (!list.isArray()) {
            throw new Invalid("invalid_field:" + field);
        }
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        for (JsonNode keyValue : list) {
            JsonNode key = keyValue.get("key");
            if (key == null || !key.isTextual()) {
                throw new Invalid("invalid_field:" + field);
            }
            attributes.putIfAbsent(key.textValue(), anyValue(keyValue.get("value"), field));
        }
        return attributes;
    }

    /** An {@code AnyValue} as JSON: string, bool, int64 (→ long), double, array, kvlist (→ object), bytes (base64 text). */
    private static JsonNode anyValue(JsonNode value, String field) throws Invalid {
        if (value == null || value.isNull() || (value.isObject() && value.isEmpty())) {
            return NullNode.getInstance();
        }
        if (!value.isObject()) {
            throw new Invalid("invalid_field:" + field);
        }
        JsonNode v;
        if ((v = value.get("stringValue")) != null && v.isTextual()) {
            return TextNode.valueOf(v.textValue());
        }
        if ((v = value.get("boolValue")) != null && v.isBoolean()) {
            return BooleanNode.valueOf(v.booleanValue());
        }
        if ((v = value.get("intValue")) != null) {
            Long number = int64(v);
            if (number != null) {
                return LongNode.valueOf(number);
            }
        } else if ((v = value.get("doubleValue")) != null) {
            if (v.isNumber()) {
                return DoubleNode.valueOf(v.doubleValue());
            }
            switch (v.asText()) {
                case "NaN": return DoubleNode.valueOf(Double.NaN);
                case "Infinity": return DoubleNode.valueOf(Double.POSITIVE_INFINITY);
                case "-Infinity": return DoubleNode.valueOf(Double.NEGATIVE_INFINITY);
                default: break;
            }
        } else if ((v = value.get("arrayValue")) != null && v.isObject()) {
            ArrayNode array = NODES.arrayNode();
            for (JsonNode item : array(v.get("values"), field)) {
                array.add(anyValue(item, field));
            }
            return array;
        } else if ((v = value.get("kvlistValue")) != null && v.isObject()) {
            ObjectNode object = NODES.objectNode();
            attributes(v.get("values"), field).forEach(object::set);
            return object;
        } else if ((v = value.get("bytesValue")) != null && v.isTextual()) {
            return TextNode.valueOf(v.textValue());
        }
        for (String known : ANY_VALUE_FIELDS) {
            if (value.has(known)) {
                throw new Invalid("invalid_field:" + field); // a known field of the wrong type
            }
        }
        return NullNode.getInstance(); // only fields unknown to us: ignored, as the spec says
    }

    /** A span or document the spec does not allow; its message is the dead-letter reason. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
