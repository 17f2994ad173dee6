package io.llmeval.udfs.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The event-time forms log shippers send, parsed to epoch milliseconds: RFC 3339 strings (with {@code Z} or
 * an offset, optional fraction, {@code T} or space separator) and epoch milliseconds as a number or a digit
 * string. One implementation for the DataStream parser ({@code io.llmeval.jobs.schema.EventTimestamps}) and
 * the SQL function {@code PARSE_EVENT_TIME}.
 *
 * <pre>{@code
 * long millis = EventTimes.parse("2026-01-01T02:00:00+02:00");   // 1767225600000
 * long none = EventTimes.parse("1767225600");                    // -1: epoch seconds, out of range
 * }</pre>
 */
public final class EventTimes {

    /** Earliest accepted event time, 2000-01-01T00:00:00Z: smaller values are epoch seconds sent by mistake. */
    public static final long MIN_MILLIS = 946_684_800_000L;
    /** Latest accepted event time, 2100-01-01T00:00:00Z: larger values are epoch micro- or nanoseconds. */
    public static final long MAX_MILLIS = 4_102_444_800_000L;

    /** A JSON number as text (RFC 8259 grammar): what a JSON reader hands a STRING column for a number. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private EventTimes() {}

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
        long fast = Rfc3339.parseMillis(trimmed);
        if (fast != Rfc3339.NOT_HANDLED) {
            return fast < 0 ? -1 : inRange(fast);
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

    /**
     * Epoch millis of the text a JSON reader gives a string column for the {@code timestamp} field: the
     * string itself ({@link #parse}), or the decimal text of a number ({@link #fromNumber}, e.g.
     * {@code 1767225600123.9} or {@code 1.7672256001239E12}). -1 if it is neither or out of range.
     */
    public static long parseJsonText(String text) {
        long millis = parse(text);
        if (millis >= 0) {
            return millis;
        }
        String trimmed = text.trim();
        return JSON_NUMBER.matcher(trimmed).matches() ? fromNumber(Double.parseDouble(trimmed)) : -1;
    }

    private static long inRange(long millis) {
        return millis >= MIN_MILLIS && millis < MAX_MILLIS ? millis : -1;
    }

    /** ISO-8601 UTC with millisecond precision, e.g. {@code 2026-01-01T00:01:00Z}. */
    public static String format(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
