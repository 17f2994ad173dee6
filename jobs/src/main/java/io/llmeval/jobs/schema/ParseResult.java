package io.llmeval.jobs.schema;

/** Either a valid {@link LogRecord} or the {@link DeadLetter} that explains why there is none. */
public final class ParseResult {
    private final LogRecord record;
    private final DeadLetter deadLetter;

    private ParseResult(LogRecord record, DeadLetter deadLetter) {
        this.record = record;
        this.deadLetter = deadLetter;
    }

    public static ParseResult valid(LogRecord record) {
        return new ParseResult(record, null);
    }

    public static ParseResult invalid(DeadLetter deadLetter) {
        return new ParseResult(null, deadLetter);
    }

    public boolean isValid() {
        return record != null;
    }

    public LogRecord record() {
        return record;
    }

    public DeadLetter deadLetter() {
        return deadLetter;
    }
}
