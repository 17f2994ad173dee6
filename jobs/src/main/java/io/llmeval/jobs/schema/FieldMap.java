package io.llmeval.jobs.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The user's own JSON log records read as schema v1 ({@code --field-map FILE}, docs/field-maps/): each schema-v1
 * field is taken from an RFC 6901 JSON Pointer into the user's record, or is a constant.
 *
 * <pre>{@code
 * {"request_id": "/id", "timestamp": "/response/body/created", "timestamp_unit": "s",
 *  "model": "/response/body/model", "input_tokens": "/response/body/usage/prompt_tokens",
 *  "constants": {"route": "batch", "latency_ms": 0}}
 * }</pre>
 *
 * <p>{@link #apply} builds the schema-v1 object the parser then validates as any log line: a pointer that finds
 * nothing (or {@code null}) leaves its field absent, so a required one becomes the dead letter
 * {@code missing_field:NAME} as today. {@code timestamp_unit} ({@code s}, {@code ms}, {@code us}, {@code ns})
 * converts numeric timestamps (numbers or digit strings) to epoch milliseconds; RFC 3339 text is accepted as always.
 * A {@code status} pointer may find an HTTP status code: below 400 is {@code ok}, 400-599 {@code error}.
 * Any other key, a pointer that is not one, or an unmapped required field is a start-up error naming it.
 */
public final class FieldMap implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> REQUIRED = List.of("request_id", "timestamp", "model", "latency_ms");
    private static final Map<String, Integer> UNIT_TO_MILLIS_SHIFT = Map.of("s", 3, "ms", 0, "us", -3, "ns", -6);
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /** Schema-v1 field → pointer text, in the file's order. */
    private final Map<String, String> pointers;
    /** Schema-v1 field → its constant value, as JSON text. */
    private final Map<String, String> constants;
    /** Decimal places to shift a numeric timestamp by to get milliseconds; {@code null} without a unit. */
    private final Integer timestampShift;

    private transient Map<String, JsonPointer> compiled;
    private transient ObjectNode constantValues;

    private FieldMap(Map<String, String> pointers, Map<String, String> constants, Integer timestampShift) {
        this.pointers = pointers;
        this.constants = constants;
        this.timestampShift = timestampShift;
    }

    /** Reads a field map; an unusable one is an {@link IllegalArgumentException} that names the file and the key. */
    public static FieldMap load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static FieldMap parse(String json, String name) {
        String where = "field map " + name;
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object of schema-v1 field -> JSON Pointer");
        }
        Map<String, String> pointers = new LinkedHashMap<>();
        Map<String, String> constants = new LinkedHashMap<>();
        Integer shift = null;
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("timestamp_unit")) {
                shift = UNIT_TO_MILLIS_SHIFT.get(value.asText());
                if (!value.isTextual() || shift == null) {
                    throw new IllegalArgumentException(where + ": timestamp_unit must be one of s, ms, us, ns, got " + value);
                }
            } else if (key.equals("constants")) {
                constants(value, where, constants);
            } else if (LogRecordParser.KNOWN_FIELDS.contains(key)) {
                pointers.put(key, pointer(value, where + ": '" + key + "'"));
            } else {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (schema-v1 fields: "
                        + new TreeSet<>(LogRecordParser.KNOWN_FIELDS) + ", or timestamp_unit, constants)");
            }
        }
        for (String field : constants.keySet()) {
            if (pointers.containsKey(field)) {
                throw new IllegalArgumentException(where + ": '" + field + "' is both a pointer and a constant");
            }
        }
        for (String field : REQUIRED) {
            if (!pointers.containsKey(field) && !constants.containsKey(field)) {
                throw new IllegalArgumentException(where + ": required field '" + field
                        + "' is not mapped (give a JSON Pointer, or a value in constants)");
            }
        }
        return new FieldMap(pointers, constants, shift);
    }

    private static void constants(JsonNode value, String where, Map<String, String> constants) {
        if (!value.isObject()) {
            throw new IllegalArgumentException(where + ": constants must be an object of schema-v1 field -> value");
        }
        value.fields().forEachRemaining(c -> {
            if (!LogRecordParser.KNOWN_FIELDS.contains(c.getKey())) {
                throw new IllegalArgumentException(where + ": unknown key 'constants." + c.getKey() + "' (schema-v1 fields: "
                        + new TreeSet<>(LogRecordParser.KNOWN_FIELDS) + ")");
            }
            constants.put(c.getKey(), c.getValue().toString());
        });
    }

    private static String pointer(JsonNode value, String where) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + " must be a JSON Pointer string (RFC 6901, e.g. \"/response/body/model\")");
        }
        try {
            JsonPointer.compile(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not a JSON Pointer (RFC 6901): '" + value.textValue() + "'");
        }
        return value.textValue();
    }

    /** The schema-v1 object of a user record: the values the pointers find, the constants, timestamps in ms. */
    public ObjectNode apply(JsonNode record) {
        ObjectNode mapped = constantValues().deepCopy();
        compiledPointers().forEach((field, pointer) -> {
            JsonNode value = record.at(pointer);
            if (!value.isMissingNode() && !value.isNull()) {
                mapped.set(field, switch (field) {
                    case "timestamp" -> timestamp(value);
                    case "status" -> httpStatus(value);
                    default -> value;
                });
            }
        });
        return mapped;
    }

    /** An HTTP status code (an integer 100-599) as {@code ok} (below 400) or {@code error}; anything else as it is. */
    private static JsonNode httpStatus(JsonNode value) {
        if (value.isIntegralNumber() && value.intValue() >= 100 && value.intValue() <= 599) {
            return TextNode.valueOf(value.intValue() < 400 ? "ok" : "error");
        }
        return value;
    }

    private JsonNode timestamp(JsonNode value) {
        if (timestampShift == null) {
            return value;
        }
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual() && DECIMAL.matcher(value.textValue()).matches()) {
            number = new BigDecimal(value.textValue());
        } else {
            return value; // RFC 3339 text, or a wrong type for the parser to reject
        }
        BigDecimal millis = number.movePointRight(timestampShift).setScale(0, RoundingMode.FLOOR);
        return millis.toBigInteger().bitLength() < 63 ? LongNode.valueOf(millis.longValueExact()) : value;
    }

    private Map<String, JsonPointer> compiledPointers() {
        if (compiled == null) {
            Map<String, JsonPointer> map = new LinkedHashMap<>();
            pointers.forEach((field, text) -> map.put(field, JsonPointer.compile(text)));
            compiled = map;
        }
        return compiled;
    }

    private ObjectNode constantValues() {
        if (constantValues == null) {
            ObjectNode node = MAPPER.createObjectNode();
            constants.forEach((field, json) -> {
                try {
                    node.set(field, MAPPER.readTree(json));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
            constantValues = node;
        }
        return constantValues;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldMap that && pointers.equals(that.pointers) && constants.equals(that.constants)
                && java.util.Objects.equals(timestampShift, that.timestampShift);
    }

    @Override
    public int hashCode() {
        return pointers.hashCode();
    }
}
