package io.llmeval.jobs.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns one raw JSON line into a validated {@link LogRecord} or a {@link DeadLetter} with a reason.
 *
 * <pre>{@code
 * LogRecordParser parser = new LogRecordParser(ParserLimits.DEFAULTS);
 * ParseResult result = parser.parse(rawLine);
 * if (result.isValid()) { use(result.record()); } else { deadLetters.add(result.deadLetter()); }
 * }</pre>
 *
 * <p>Reasons are stable identifiers ({@code malformed_json}, {@code invalid_utf8}, {@code record_too_large},
 * {@code not_an_object}, {@code missing_field:NAME}, {@code invalid_field:NAME}) documented in
 * {@code docs/log-schema.md}: never a value from the record, nor Jackson's message (which quotes the input).
 * The record's text goes only to the dead letter's {@code raw}, as {@link ParserLimits#deadLetterRaw()} says. Fields outside schema v1 are kept in {@link LogRecord#extraJson}.
 * Not thread-safe (it reuses a UTF-8 decoder); use one per operator instance.
 */
public final class LogRecordParser implements RecordParser {

    static final Set<String> KNOWN_FIELDS = Set.of(
            "request_id", "timestamp", "model", "route", "tenant", "trace_id", "span_id", "prompt",
            "response", "reference", "latency_ms", "ttft_ms", "input_tokens", "output_tokens",
            "cache_read_input_tokens", "cache_write_input_tokens", "reasoning_output_tokens", "status",
            "error_type", "mean_logprob", "attributes");

    public static final String DEFAULT_ROUTE = "default";
    /** The reason of a damaged input file's dead letter: the file could not be read (any further). */
    public static final String UNREADABLE_INPUT = "unreadable_input";

    private final ParserLimits limits;
    private final FieldMap fieldMap;
    private final ObjectMapper mapper;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public LogRecordParser(ParserLimits limits) {
        this(limits, null);
    }

    /** A parser of the user's own records, read through {@code fieldMap} ({@code null}: schema v1 as it is). */
    public LogRecordParser(ParserLimits limits, FieldMap fieldMap) {
        this.limits = limits;
        this.fieldMap = fieldMap;
        this.mapper = new ObjectMapper();
        // The record-size bound is ours; Jackson's own string limit must not be the smaller one.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Math.max(limits.maxRecordBytes(), StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                .maxNestingDepth(limits.maxNestingDepth())
                .build());
    }

    @Override
    public void parse(RawLine line, java.util.function.Consumer<ParseResult> out) {
        out.accept(parse(line));
    }

    public ParseResult parse(RawLine line) {
        Decoded decoded = decode(line);
        if (decoded.deadLetter != null) {
            return decoded.deadLetter;
        }
        // Jackson reads bytes faster than a String; ASCII bytes are the text as they are.
        return parse(decoded.text, line.source, decoded.ascii ? line.bytes : null);
    }

    /**
     * The text of a raw record, or the dead letter that says why there is none ({@code unreadable_input} for a damaged
     * file's marker, {@code record_too_large}, {@code invalid_utf8}).
     */
    public Decoded decode(RawLine line) {
        if (line.unreadable != null) {
            ParseResult damage = dead(UNREADABLE_INPUT, lossyText(line.bytes), line.source);
            damage.deadLetter().detail = line.unreadable;
            return new Decoded(null, damage);
        }
        if (line.truncated || line.bytes.length > limits.maxRecordBytes()) {
            return new Decoded(null, dead("record_too_large", lossyText(line.bytes), line.source));
        }
        if (isAscii(line.bytes)) {
            // Most log lines are ASCII (JSON escapes the rest), which is valid UTF-8 as it is: no decoder pass.
            return new Decoded(new String(line.bytes, StandardCharsets.ISO_8859_1), null, true);
        }
        try {
            return new Decoded(utf8.decode(ByteBuffer.wrap(line.bytes)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Decoded(null, dead("invalid_utf8", lossyText(line.bytes), line.source));
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** A decoded record's text (all ASCII or not), or its dead letter. */
    public record Decoded(String text, ParseResult deadLetter, boolean ascii) {
        Decoded(String text, ParseResult deadLetter) {
            this(text, deadLetter, false);
        }
    }

    /** Parses already-decoded text (Kafka values, tests). */
    public ParseResult parse(String text, String source) {
        return parse(text, source, null);
    }

    /** Parses {@code text}, read from {@code asciiBytes} when the caller has them (the same characters as bytes). */
    private ParseResult parse(String text, String source, byte[] asciiBytes) {
        JsonNode root;
        try {
            root = asciiBytes != null ? mapper.readTree(asciiBytes) : readTree(text);
        } catch (IOException e) { // JSON errors; bytes in memory raise nothing else
            return dead("malformed_json", text, source);
        }
        if (root == null || root.isMissingNode()) {
            return dead("malformed_json", text, source);
        }
        if (!root.isObject()) {
            return dead("not_an_object", text, source);
        }
        return validate(fieldMap == null ? (ObjectNode) root : fieldMap.apply(root), text, source);
    }

    /** JSON text as a tree, under the parser's size and nesting bounds. */
    public JsonNode readTree(String text) throws JsonProcessingException {
        return mapper.readTree(text);
    }

    /**
     * Validates a schema-v1 object (a parsed line, a field-mapped user record, an OTLP span's fields): the record,
     * or a dead letter with {@code raw} and {@code source}.
     */
    public ParseResult validate(ObjectNode json, String raw, String source) {
        try {
            LogRecord record = toRecord(json);
            record.source = source;
            return ParseResult.valid(record);
        } catch (InvalidField e) {
            return dead(e.getMessage(), raw, source);
        }
    }

    private LogRecord toRecord(ObjectNode json) throws InvalidField {
        LogRecord r = new LogRecord();
        r.requestId = requiredString(json, "request_id");
        r.timestampMillis = timestamp(json);
        r.model = requiredString(json, "model");
        String route = optionalString(json, "route");
        r.route = route == null || route.isEmpty() ? DEFAULT_ROUTE : route;
        r.tenant = optionalString(json, "tenant");
        r.traceId = optionalString(json, "trace_id");
        r.spanId = optionalString(json, "span_id");
        r.prompt = optionalString(json, "prompt");
        r.response = optionalString(json, "response");
        r.reference = optionalString(json, "reference");
        r.latencyMs = requiredNonNegative(json, "latency_ms");
        r.ttftMs = optionalNonNegative(json, "ttft_ms");
        r.inputTokens = optionalCount(json, "input_tokens");
        r.outputTokens = optionalCount(json, "output_tokens");
        r.cacheReadInputTokens = optionalCount(json, "cache_read_input_tokens");
        r.cacheWriteInputTokens = optionalCount(json, "cache_write_input_tokens");
        r.reasoningOutputTokens = optionalCount(json, "reasoning_output_tokens");
        requireIncluded(r);
        r.error = status(json);
        r.errorType = optionalString(json, "error_type");
        r.meanLogprob = optionalFinite(json, "mean_logprob");
        r.attributes = attributes(json);
        r.extraJson = extraFields(json);
        return r;
    }

    private static String requiredString(ObjectNode json, String field) throws InvalidField {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidField("missing_field:" + field);
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidField("invalid_field:" + field);
        }
        return node.textValue();
    }

    private static String optionalString(ObjectNode json, String field) throws InvalidField {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidField("invalid_field:" + field);
        }
        return node.textValue();
    }

    private static long timestamp(ObjectNode json) throws InvalidField {
        JsonNode node = json.get("timestamp");
        if (node == null || node.isNull()) {
            throw new InvalidField("missing_field:timestamp");
        }
        long millis;
        if (node.isNumber()) {
            millis = EventTimestamps.fromNumber(node.doubleValue());
        } else if (node.isTextual()) {
            millis = EventTimestamps.parse(node.textValue());
        } else {
            millis = -1;
        }
        if (millis < 0) {
            throw new InvalidField("invalid_field:timestamp");
        }
        return millis;
    }

    private static double requiredNonNegative(ObjectNode json, String field) throws InvalidField {
        Double value = optionalNonNegative(json, field);
        if (value == null) {
            throw new InvalidField("missing_field:" + field);
        }
        return value;
    }

    private static Double optionalNonNegative(ObjectNode json, String field) throws InvalidField {
        Double value = optionalFinite(json, field);
        if (value != null && value < 0) {
            throw new InvalidField("invalid_field:" + field);
        }
        return value;
    }

    private static Double optionalFinite(ObjectNode json, String field) throws InvalidField {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new InvalidField("invalid_field:" + field);
        }
        return node.doubleValue();
    }

    private static Long optionalCount(ObjectNode json, String field) throws InvalidField {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new InvalidField("invalid_field:" + field);
        }
        return node.longValue();
    }

    /** Cache and reasoning counts are parts of the input and output counts, as in OpenTelemetry's usage attributes. */
    private static void requireIncluded(LogRecord r) throws InvalidField {
        if (r.inputTokens != null) {
            long cacheRead = r.cacheReadInputTokens == null ? 0 : r.cacheReadInputTokens;
            long cacheWrite = r.cacheWriteInputTokens == null ? 0 : r.cacheWriteInputTokens;
            if (cacheRead > r.inputTokens) {
                throw new InvalidField("invalid_field:cache_read_input_tokens");
            }
            if (cacheRead + cacheWrite > r.inputTokens) {
                throw new InvalidField("invalid_field:cache_write_input_tokens");
            }
        }
        if (r.outputTokens != null && r.reasoningOutputTokens != null && r.reasoningOutputTokens > r.outputTokens) {
            throw new InvalidField("invalid_field:reasoning_output_tokens");
        }
    }

    private static boolean status(ObjectNode json) throws InvalidField {
        String status = optionalString(json, "status");
        if (status == null) {
            return false;
        }
        return switch (status) {
            case "ok" -> false;
            case "error" -> true;
            default -> throw new InvalidField("invalid_field:status");
        };
    }

    private static Map<String, String> attributes(ObjectNode json) throws InvalidField {
        JsonNode node = json.get("attributes");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidField("invalid_field:attributes");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            // OTel attribute values are scalars; numbers and booleans are kept in their JSON text form.
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidField("invalid_field:attributes");
            }
            attributes.put(field.getKey(), value.asText());
        }
        return attributes;
    }

    private String extraFields(ObjectNode json) {
        ObjectNode extra = null;
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KNOWN_FIELDS.contains(field.getKey())) {
                if (extra == null) {
                    extra = mapper.createObjectNode();
                }
                extra.set(field.getKey(), field.getValue());
            }
        }
        return extra == null ? null : extra.toString();
    }

    /** A dead letter whose raw text is kept, masked or dropped as configured, and cut to the configured bound. */
    public ParseResult dead(String reason, String raw, String source) {
        return ParseResult.invalid(DeadLetter.of(reason, raw, source, limits.deadLetterRaw(),
                limits.maxDeadLetterChars()));
    }

    /** Text for a dead letter whose bytes are not valid UTF-8: malformed bytes become U+FFFD. */
    private String lossyText(byte[] bytes) {
        int bound = Math.min(bytes.length, limits.maxDeadLetterChars() * 4);
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, bound));
        return chars.toString();
    }

    /** A validation failure; its message is the dead-letter reason. */
    private static final class InvalidField extends Exception {
        InvalidField(String reason) {
            super(reason, null, false, false);
        }
    }
}
