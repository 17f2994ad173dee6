package io.llmeval.jobs.schema;

import io.llmeval.jobs.otel.OtelConfig;
import io.llmeval.jobs.otel.OtlpJsonParser;

import java.io.Serializable;

/**
 * What raw input records are and how they are read: the format, the user's field map (JSON lines only), and how
 * OpenTelemetry spans map to records.
 *
 * @param format JSON lines (schema v1, or the user's shape through {@code fieldMap}) or OTLP/JSON documents
 * @param fieldMap schema-v1 field → JSON Pointer into the user's records; {@code null} for schema v1 as it is
 * @param otel the span reading and stage breakdown settings (used with OTLP input)
 */
public record InputSettings(InputFormat format, FieldMap fieldMap, OtelConfig otel) implements Serializable {

    public InputSettings {
        if (fieldMap != null && format != InputFormat.JSONL) {
            throw new IllegalArgumentException("a field map (llm-eval.input.field-map) reads JSON lines; it does not apply "
                    + "to input format " + format.id());
        }
    }

    /** A parser for one operator instance (parsers are not thread-safe). */
    public RecordParser parser(ParserLimits limits) {
        return format == InputFormat.OTLP_JSON ? new OtlpJsonParser(limits, otel) : new LogRecordParser(limits, fieldMap);
    }
}
