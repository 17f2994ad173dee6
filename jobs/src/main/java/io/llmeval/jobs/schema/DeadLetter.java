package io.llmeval.jobs.schema;

import java.util.Objects;

/**
 * A record the pipeline could not use, with the reason. Written to the dead-letter output as JSON:
 * {@code {"reason","raw","source"}} and, for damaged input files, {@code "detail"}; {@code raw} is the original text,
 * truncated to a bound.
 */
public class DeadLetter {
    public String reason;
    public String raw;
    public String source;
    /** What went wrong beyond the reason (a damaged file's error and byte offset), or {@code null}. */
    public String detail;

    public DeadLetter() {}

    public DeadLetter(String reason, String raw, String source) {
        this.reason = reason;
        this.raw = raw;
        this.source = source;
    }

    /** The reason up to its first ':' ("missing_field:model" → "missing_field"), used as a metric label. */
    public String reasonCategory() {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter that
                && Objects.equals(reason, that.reason)
                && Objects.equals(raw, that.raw)
                && Objects.equals(source, that.source)
                && Objects.equals(detail, that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, raw, source);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + " at " + source + "}";
    }
}
