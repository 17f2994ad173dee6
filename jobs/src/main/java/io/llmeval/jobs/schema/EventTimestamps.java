package io.llmeval.jobs.schema;

import io.llmeval.udfs.time.EventTimes;

/**
 * Parses the event-time forms log shippers send: RFC 3339 strings (with {@code Z} or an offset,
 * optional fraction, {@code T} or space separator) and epoch milliseconds as a number or a digit string.
 * Delegates to {@link EventTimes} in {@code udfs}, which the SQL function {@code PARSE_EVENT_TIME} uses too,
 * so the DataStream jobs and the SQL views accept exactly the same timestamps.
 */
public final class EventTimestamps {

    /** Earliest accepted event time, 2000-01-01T00:00:00Z: smaller values are epoch seconds sent by mistake. */
    public static final long MIN_MILLIS = EventTimes.MIN_MILLIS;
    /** Latest accepted event time, 2100-01-01T00:00:00Z: larger values are epoch micro- or nanoseconds. */
    public static final long MAX_MILLIS = EventTimes.MAX_MILLIS;

    private EventTimestamps() {}

    /** Epoch millis of an RFC 3339 timestamp or of a digit string, or -1 if it is neither or out of range. */
    public static long parse(String text) {
        return EventTimes.parse(text);
    }

    /** Epoch millis given as a JSON number (fractions are truncated), or -1 if out of range. */
    public static long fromNumber(double millis) {
        return EventTimes.fromNumber(millis);
    }

    /** ISO-8601 UTC with millisecond precision, e.g. {@code 2026-01-01T00:01:00Z}. */
    public static String format(long millis) {
        return EventTimes.format(millis);
    }
}
