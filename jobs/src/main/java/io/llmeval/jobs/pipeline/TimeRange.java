package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.EventTimestamps;

import java.io.Serializable;

/**
 * Event times a run keeps: {@code [from, to)}, either end open ({@code null}). Set with {@code --from}/{@code --to}
 * (RFC 3339) on {@code backfill}, or {@link PipelineOptions#TIME_RANGE_FROM}/{@link PipelineOptions#TIME_RANGE_TO}.
 *
 * @param fromMillis first kept event time (inclusive), or {@code null} for no lower bound
 * @param toMillis first event time no longer kept (exclusive), or {@code null} for no upper bound
 */
public record TimeRange(Long fromMillis, Long toMillis) implements Serializable {

    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (fromMillis != null && toMillis != null && fromMillis >= toMillis) {
            throw new IllegalArgumentException("the time range is empty: from " + EventTimestamps.format(fromMillis)
                    + " is not before to " + EventTimestamps.format(toMillis));
        }
    }

    /** Parses RFC 3339 bounds (either may be {@code null}); {@code name} names the option in errors. */
    public static TimeRange parse(String from, String to) {
        return new TimeRange(bound(from, "from"), bound(to, "to"));
    }

    private static Long bound(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long millis = EventTimestamps.parse(text.strip());
        if (millis < 0) {
            throw new IllegalArgumentException("--" + name + " must be an RFC 3339 time such as 2026-11-01T00:00:00Z, got '"
                    + text + "'");
        }
        return millis;
    }

    public boolean isAll() {
        return fromMillis == null && toMillis == null;
    }

    public boolean contains(long millis) {
        return (fromMillis == null || millis >= fromMillis) && (toMillis == null || millis < toMillis);
    }

    /** Whether {@code [start, end)} shares an instant with this range. */
    public boolean overlaps(long start, long end) {
        return (toMillis == null || start < toMillis) && (fromMillis == null || end > fromMillis);
    }

    @Override
    public String toString() {
        return "[" + (fromMillis == null ? "-inf" : EventTimestamps.format(fromMillis)) + ", "
                + (toMillis == null ? "+inf" : EventTimestamps.format(toMillis)) + ")";
    }
}
