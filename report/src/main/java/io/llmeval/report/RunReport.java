package io.llmeval.report;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The page data of one input directory, after the filter: its keys, the summary of all keys, dead letters by
 * reason and the time range every chart of the run shares.
 *
 * @param start          start of the shared time axis: {@code --from} if given, else the earliest window
 * @param end            its end: {@code --to} if given, else the latest window end
 * @param windowMs       the most common window length (the pipeline's {@code --window})
 * @param deadLetters    dead letters by reason, most frequent first; not filtered (a dead letter has no valid key
 *                       or time, which is why it is one)
 * @param unreadableLines lines per folder that were not rows of it
 */
public record RunReport(
        String label, String input, Instant start, Instant end, long windowMs,
        List<KeyReport> keys, Summary total, List<ReasonCount> deadLetters, Map<String, Long> unreadableLines,
        boolean hasDrift, boolean hasCost, boolean hasStages) {

    /** Dead letters of one reason, with the sources of the first few (file:line, or Kafka position). */
    public record ReasonCount(String reason, long count, List<String> examples) {}

    static final int DEAD_LETTER_EXAMPLES = 3;

    public static RunReport of(String label, RunOutput output, ReportFilter filter) {
        List<WindowRow> windows = lastPerWindow(output.windows(), w -> filter.keeps(w.key(), w.windowStart()),
                w -> w.key() + "@" + w.windowStart(), Comparator.comparing(WindowRow::windowStart));
        List<DriftRow> drift = lastPerWindow(output.drift(), d -> filter.keeps(d.key(), d.windowStart()),
                d -> d.key() + "@" + d.windowStart(), Comparator.comparing(DriftRow::windowStart));
        List<StageRow> stages = lastPerWindow(output.stages(), s -> filter.keeps(s.key(), s.windowStart()),
                s -> s.key() + "@" + s.stage() + "@" + s.windowStart(), Comparator.comparing(StageRow::windowStart));
        List<Incident> incidents = Incident.pair(output.alerts()).stream()
                .filter(i -> filter.keepsSpan(i.key(), i.start(), i.end())).toList();

        Map<SeriesKey, List<WindowRow>> windowsByKey = byKey(windows, WindowRow::key);
        Map<SeriesKey, List<DriftRow>> driftByKey = byKey(drift, DriftRow::key);
        Map<SeriesKey, List<Incident>> incidentsByKey = byKey(incidents, Incident::key);
        Map<SeriesKey, List<StageRow>> stagesByKey = byKey(stages, StageRow::key);
        Set<SeriesKey> keys = new TreeSet<>();
        keys.addAll(windowsByKey.keySet());
        keys.addAll(driftByKey.keySet());
        keys.addAll(incidentsByKey.keySet());
        keys.addAll(stagesByKey.keySet());

        List<KeyReport> keyReports = new ArrayList<>();
        for (SeriesKey key : keys) {
            keyReports.add(KeyReport.of(key, windowsByKey.getOrDefault(key, List.of()),
                    driftByKey.getOrDefault(key, List.of()), incidentsByKey.getOrDefault(key, List.of()),
                    stagesByKey.getOrDefault(key, List.of())));
        }
        return new RunReport(label, output.directory().toString(),
                filter.from() != null ? filter.from() : earliest(windows, drift, incidents),
                filter.to() != null ? filter.to() : latest(windows, drift, incidents),
                commonWindowMs(windows),
                markWorst(keyReports), Summary.of(windows, drift, incidents.size()),
                deadLettersByReason(output.deadLetters()), output.unreadableLines(),
                !output.drift().isEmpty(), windows.stream().anyMatch(w -> w.costUsdSum() != null), !stages.isEmpty());
    }

    /** Whether the filter left anything to show. */
    @JsonIgnore
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * The rows the filter keeps, one per window (with allowed lateness a window is written again when a late
     * record updates it: the last line is final), sorted by start.
     */
    private static <T> List<T> lastPerWindow(List<T> rows, Predicate<T> keep, Function<T, String> id,
                                             Comparator<T> order) {
        Map<String, T> last = new LinkedHashMap<>();
        rows.stream().filter(keep).forEach(r -> last.put(id.apply(r), r));
        return last.values().stream().sorted(order).toList();
    }

    private static <T> Map<SeriesKey, List<T>> byKey(List<T> rows, Function<T, SeriesKey> key) {
        Map<SeriesKey, List<T>> grouped = new TreeMap<>();
        rows.forEach(r -> grouped.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return grouped;
    }

    /** Marks, per column, the keys with the worst value, when the keys do not all have the same value. */
    static List<KeyReport> markWorst(List<KeyReport> keys) {
        List<Set<SummaryColumn>> worst = new ArrayList<>();
        keys.forEach(k -> worst.add(EnumSet.noneOf(SummaryColumn.class)));
        for (SummaryColumn column : SummaryColumn.values()) {
            if (column.direction() != SummaryColumn.Direction.HIGHER_IS_WORSE) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (KeyReport key : keys) {
                Double v = column.value(key.summary());
                if (v != null) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
            for (int i = 0; i < keys.size() && max > min; i++) {
                if (Double.valueOf(max).equals(column.value(keys.get(i).summary()))) {
                    worst.get(i).add(column);
                }
            }
        }
        List<KeyReport> marked = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            marked.add(keys.get(i).withWorst(worst.get(i)));
        }
        return marked;
    }

    static List<ReasonCount> deadLettersByReason(List<DeadLetterRow> deadLetters) {
        Map<String, List<String>> examples = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        for (DeadLetterRow d : deadLetters) {
            counts.merge(d.reason(), 1L, Long::sum);
            List<String> sources = examples.computeIfAbsent(d.reason(), r -> new ArrayList<>());
            if (sources.size() < DEAD_LETTER_EXAMPLES && d.source() != null) {
                sources.add(d.source());
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new ReasonCount(e.getKey(), e.getValue(), List.copyOf(examples.get(e.getKey()))))
                .toList();
    }

    private static Instant earliest(List<WindowRow> windows, List<DriftRow> drift, List<Incident> incidents) {
        return Stream.of(windows.stream().map(WindowRow::windowStart), drift.stream().map(DriftRow::windowStart),
                incidents.stream().map(Incident::start)).flatMap(s -> s).min(Comparator.naturalOrder()).orElse(null);
    }

    private static Instant latest(List<WindowRow> windows, List<DriftRow> drift, List<Incident> incidents) {
        return Stream.of(windows.stream().map(WindowRow::windowEnd), drift.stream().map(DriftRow::windowEnd),
                incidents.stream().map(Incident::end)).flatMap(s -> s).max(Comparator.naturalOrder()).orElse(null);
    }

    /** The most frequent window length, in ms (0 without windows). */
    static long commonWindowMs(List<WindowRow> windows) {
        Map<Long, Long> lengths = new TreeMap<>();
        windows.forEach(w -> lengths.merge(Duration.between(w.windowStart(), w.windowEnd()).toMillis(), 1L, Long::sum));
        return lengths.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0L);
    }
}
