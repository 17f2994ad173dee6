package io.llmeval.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Two runs side by side: per key (and for all keys) both summaries and, per marked column, how the second run
 * differs from the first. Keys present in one run only have a {@code null} summary on the other side.
 */
public record Comparison(List<Row> rows) {

    /** {@code model}/{@code route} are {@code null} on the row of all keys. */
    public record Row(String model, String route, Summary a, Summary b, Map<SummaryColumn, Change> changes) {}

    /** How a column moved from run A to run B. */
    public enum Verdict {
        WORSE, BETTER, CHANGED, SAME;

        /** The name in the page data and its CSS class. */
        @JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param delta    {@code b - a}
     * @param relative {@code delta / a}; {@code null} when {@code a} is 0
     */
    public record Change(double delta, Double relative, Verdict verdict) {}

    public static Comparison of(RunReport a, RunReport b) {
        Map<SeriesKey, Summary> left = summaries(a);
        Map<SeriesKey, Summary> right = summaries(b);
        Set<SeriesKey> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        List<Row> rows = new ArrayList<>();
        rows.add(row(null, null, a.total(), b.total()));
        for (SeriesKey key : keys) {
            rows.add(row(key.model(), key.route(), left.get(key), right.get(key)));
        }
        return new Comparison(rows);
    }

    private static Map<SeriesKey, Summary> summaries(RunReport run) {
        return run.keys().stream().collect(Collectors.toMap(KeyReport::key, KeyReport::summary));
    }

    private static Row row(String model, String route, Summary a, Summary b) {
        Map<SummaryColumn, Change> changes = new EnumMap<>(SummaryColumn.class);
        if (a != null && b != null) {
            for (SummaryColumn column : SummaryColumn.values()) {
                Change change = change(column, column.value(a), column.value(b));
                if (change != null) {
                    changes.put(column, change);
                }
            }
        }
        return new Row(model, route, a, b, changes);
    }

    /**
     * The change of one column, {@code null} when either side has no value. It is {@link Verdict#SAME} within
     * {@link SummaryColumn#RELATIVE_TOLERANCE} of {@code a} or the column's floor, whichever is larger.
     */
    static Change change(SummaryColumn column, Double a, Double b) {
        if (a == null || b == null) {
            return null;
        }
        double delta = b - a;
        double tolerance = Math.max(column.floor(), SummaryColumn.RELATIVE_TOLERANCE * Math.abs(a));
        Verdict verdict;
        if (Math.abs(delta) <= tolerance) {
            verdict = Verdict.SAME;
        } else if (column.direction() == SummaryColumn.Direction.NEUTRAL) {
            verdict = Verdict.CHANGED;
        } else {
            verdict = delta > 0 ? Verdict.WORSE : Verdict.BETTER;
        }
        return new Change(delta, a == 0 ? null : delta / a, verdict);
    }
}
