package io.llmeval.report;

import java.util.Objects;

/** The reason and position of one line of {@code OUTPUT/dead-letters/}; the raw text is not read into the page. */
public record DeadLetterRow(String reason, String source) {

    public DeadLetterRow {
        Objects.requireNonNull(reason, "reason");
    }
}
