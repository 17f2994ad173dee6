package io.llmeval.jobs.backfill;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time span a file covers by the way archives are laid out: {@code dt=2026-11-01/} (also {@code date=}),
 * {@code 2026/11/01/}, {@code year=2026/month=11/day=01/}, each optionally followed by an hour directory
 * ({@code 13/}, {@code hour=13/}). A file under such directories holds the records of that day (or hour), plus
 * stragglers shipped late from before it; the backfill skips files whose span cannot meet {@code --from/--to}
 * without opening them.
 */
public final class DatePartitions {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private static final Pattern DT = Pattern.compile("/(?:dt|date)=(\\d{4})-(\\d{2})-(\\d{2})(?:/(?:hour=|hr=)?(\\d{2}))?/");
    private static final Pattern KEYS = Pattern.compile(
            "/year=(\\d{4})/month=(\\d{1,2})/day=(\\d{1,2})(?:/hour=(\\d{1,2}))?/");
    private static final Pattern PLAIN = Pattern.compile("/(\\d{4})/(\\d{2})/(\\d{2})(?:/(\\d{2}))?/");

    private DatePartitions() {}

    /** The span {@code [start, end)} in epoch millis a file's directories name, if they name one. */
    public record Span(long startMillis, long endMillis) {}

    public static Optional<Span> of(String path) {
        for (Pattern pattern : new Pattern[] {DT, KEYS, PLAIN}) {
            Matcher m = pattern.matcher(path);
            Span found = null;
            while (m.find()) { // the deepest match wins: /2026/11/01/ under a /logs/2025/... prefix
                Span span = span(m);
                if (span != null) {
                    found = span;
                }
            }
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static Span span(Matcher m) {
        try {
            long day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (m.group(4) == null) {
                return new Span(day, day + DAY);
            }
            int hour = Integer.parseInt(m.group(4));
            return hour < 24 ? new Span(day + hour * HOUR, day + (hour + 1) * HOUR) : null;
        } catch (DateTimeException | NumberFormatException e) {
            return null; // digits that are not a date: not a partition
        }
    }
}
