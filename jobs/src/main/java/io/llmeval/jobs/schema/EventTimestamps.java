package io.llmeval.jobs.schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses the event-time forms log shippers send: RFC 3339 strings (with {@code Z} or an offset,
 * optional fraction, {@code T} or space separator) and epoch milliseconds as a number or a digit string.
 */
public final class EventTimestamps {

    /** Earliest accepted event time, 2000-01-01T00:00:00Z: smaller values are epoch seconds sent by mistake. */
    public static final long MIN_MILLIS = 946_684_800_000L;
    /** Latest accepted event time, 2100-01-01T00:00:00Z: larger values are epoch micro- or nanoseconds. */
    public static final long MAX_MILLIS = 4_102_444_800_000L;

    private EventTimestamps() {}

    /** Epoch millis of an RFC 3339 timestamp or of a digit string, or -1 if it is neither or out of range. */
    public static long parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return inRange(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (trimmed.length() < 20) {
            return -1;
        }
        // RFC 3339 allows a space for 'T' and lower-case 't'/'z'; java.time wants ISO-8601's form.
        String iso = trimmed.substring(0, 10) + 'T' + trimmed.substring(11);
        iso = iso.replace('z', 'Z');
        try {
            return inRange(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** Epoch millis given as a JSON number (fractions are truncated), or -1 if out of range. */
    public static long fromNumber(double millis) {
        if (!Double.isFinite(millis)) {
            return -1;
        }
        return inRange((long) Math.floor(millis));
    }

    private static long inRange(long millis) {
        return millis >= MIN_MILLIS && millis < MAX_MILLIS ? millis : -1;
    }

    /** ISO-8601 UTC with millisecond precision, e.g. {@code 2026-01-01T00:01:00Z}. */
    public static String format(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
