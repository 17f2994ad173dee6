package io.llmeval.jobs.schema;

import java.util.Objects;

/**
 * A record the pipeline could not use, with the reason. Written to the dead-letter output as JSON:
 * {@code {"reason","raw","source"}} and, for damaged input files, {@code "detail"}; {@code raw} is the original
 * text, truncated to a bound, and kept, masked or dropped as {@link DeadLetterRaw} says. {@code reason} is a fixed
 * identifier and {@code source} a position ({@code path:line}, {@code topic/partition@offset}): neither carries record
 * text, so both are safe in metric labels and log lines, which is all {@link #toString()} shows.
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

    /** A dead letter whose {@code raw} is {@code text} as {@code rawMode} keeps it, at most {@code maxChars} chars. */
    public static DeadLetter of(String reason, String text, String source, DeadLetterRaw rawMode, int maxChars) {
        return new DeadLetter(reason, rawMode.apply(text, maxChars), source);
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
