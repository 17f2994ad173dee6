package io.llmeval.jobs.schema;

import java.io.Serializable;

/**
 * Bounds that protect the pipeline from absurd input, and what a dead letter keeps of it.
 *
 * @param maxRecordBytes longest accepted record, in bytes of UTF-8 (default 1 MiB); longer ones are dead-lettered
 * @param maxDeadLetterChars how much of a bad record's text is kept in its dead letter (default 4096)
 * @param maxNestingDepth deepest JSON nesting accepted (default 64)
 * @param deadLetterRaw whether that text is kept as read, masked or dropped (default {@link DeadLetterRaw#KEEP})
 */
public record ParserLimits(int maxRecordBytes, int maxDeadLetterChars, int maxNestingDepth,
                           DeadLetterRaw deadLetterRaw) implements Serializable {

    public static final ParserLimits DEFAULTS = new ParserLimits(1 << 20, 4096, 64);

    public ParserLimits {
        if (deadLetterRaw == null) {
            throw new IllegalArgumentException("deadLetterRaw is required");
        }
    }

    /** Bounds with dead letters that keep the text as read. */
    public ParserLimits(int maxRecordBytes, int maxDeadLetterChars, int maxNestingDepth) {
        this(maxRecordBytes, maxDeadLetterChars, maxNestingDepth, DeadLetterRaw.KEEP);
    }
}
