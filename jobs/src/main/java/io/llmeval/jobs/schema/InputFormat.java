package io.llmeval.jobs.schema;

import java.util.Arrays;

/** What a raw input record is ({@code --input-format}, option {@code llm-eval.input.format}). */
public enum InputFormat {
    /** One log record of schema v1 (or, with a field map, of the user's own shape) per line or Kafka record. */
    JSONL("jsonl"),
    /** One OTLP/JSON {@code ExportTraceServiceRequest} per line or Kafka record, as the Collector exports them. */
    OTLP_JSON("otlp-json");

    private final String id;

    InputFormat(String id) {
        this.id = id;
    }

    /** The name on the command line: {@code jsonl}, {@code otlp-json}. */
    public String id() {
        return id;
    }

    public static InputFormat fromId(String id) {
        for (InputFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("llm-eval.input.format (--input-format) must be one of "
                + Arrays.stream(values()).map(InputFormat::id).toList() + ", got '" + id + "'");
    }
}
