package io.llmeval.jobs.drift;

import io.llmeval.jobs.schema.LogRecord;

import java.util.Arrays;

/** The text of a request whose embedding drift is measured. */
public enum TextField {
    PROMPT("prompt"),
    RESPONSE("response");

    private final String id;

    TextField(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The record's text of this field, or null (an error has no response). */
    public String of(LogRecord record) {
        return this == PROMPT ? record.prompt : record.response;
    }

    public static TextField fromId(String id) {
        for (TextField field : values()) {
            if (field.id.equals(id)) {
                return field;
            }
        }
        throw new IllegalArgumentException("unknown drift field '" + id + "'; valid: "
                + Arrays.stream(values()).map(TextField::id).toList());
    }
}
