package io.llmeval.report;

import java.time.Instant;

/**
 * What {@code --from/--to/--model/--route} keep: windows that start in {@code [from, to)}, spans (incidents) that
 * overlap it, of the given model and route. Each bound is optional ({@code null}: no limit).
 */
public record ReportFilter(Instant from, Instant to, String model, String route) {

    public static final ReportFilter NONE = new ReportFilter(null, null, null, null);

    public ReportFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
    }

    public boolean keeps(SeriesKey key) {
        return (model == null || model.equals(key.model())) && (route == null || route.equals(key.route()));
    }

    /** A window (or drift window, or stage line) by its start. */
    public boolean keeps(SeriesKey key, Instant windowStart) {
        return keeps(key) && (from == null || !windowStart.isBefore(from)) && (to == null || windowStart.isBefore(to));
    }

    /** A span {@code [start, end)}, such as an incident, that overlaps the time range. */
    public boolean keepsSpan(SeriesKey key, Instant start, Instant end) {
        return keeps(key) && (from == null || end.isAfter(from)) && (to == null || start.isBefore(to));
    }

    /** {@code --model m --from t}, for messages; empty without a filter. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "--from", from);
        append(text, "--to", to);
        append(text, "--model", model);
        append(text, "--route", route);
        return text.toString();
    }

    private static void append(StringBuilder text, String option, Object value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : " ").append(option).append(' ').append(value);
        }
    }
}
