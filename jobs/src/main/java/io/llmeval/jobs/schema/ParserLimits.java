package io.llmeval.jobs.schema;

import java.io.Serializable;

/**
 * Bounds that protect the pipeline from absurd input.
 *
 * @param maxRecordBytes longest accepted record, in bytes of UTF-8 (default 1 MiB); longer ones are dead-lettered
 * @param maxDeadLetterChars how much of a bad record's text is kept in its dead letter (default 4096)
 * @param maxNestingDepth deepest JSON nesting accepted (default 64)
 */
public record ParserLimits(int maxRecordBytes, int maxDeadLetterChars, int maxNestingDepth) implements Serializable {

    public static final ParserLimits DEFAULTS = new ParserLimits(1 << 20, 4096, 64);
}
