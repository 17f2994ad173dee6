package io.llmeval.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the page shows for one (model, route) of one run: its summary row (and the columns in which it is the
 * worst key), its window series, drift windows, incidents and, where the output has them, stage series.
 *
 * @param windows    one row per window in time order, plus an empty row where the key sent nothing for a while
 *                   (so that the line breaks there instead of bridging the gap)
 * @param drift      one row per drift window; {@code drift_detected} 1, 0, or null without a verdict
 * @param driftMethod the primary drift method named by the drift rows, {@code null} without drift rows
 */
public record KeyReport(
        String model, String route, Summary summary, Set<SummaryColumn> worst,
        Columns windows, Columns drift, String driftMethod, List<Incident> incidents, List<StageSeries> stages) {

    /** The series of one stage of a key (from {@code OUTPUT/stages/}). */
    public record StageSeries(String stage, long spanCount, Double durationP95MedianMs, Double shareOfLatencyMean,
                              Columns windows) {}

    static KeyReport of(SeriesKey key, List<WindowRow> windows, List<DriftRow> drift, List<Incident> incidents,
                        List<StageRow> stages) {
        return new KeyReport(key.model(), key.route(), Summary.of(windows, drift, incidents.size()), Set.of(),
                windowColumns(windows), driftColumns(drift),
                drift.stream().map(DriftRow::driftMethod).filter(m -> m != null).findFirst().orElse(null),
                List.copyOf(incidents), stageSeries(stages));
    }

    KeyReport withWorst(Set<SummaryColumn> columns) {
        return new KeyReport(model, route, summary, Set.copyOf(columns), windows, drift, driftMethod, incidents, stages);
    }

    public SeriesKey key() {
        return new SeriesKey(model, route);
    }

    /** Window rows with a null row inserted before any window that does not start where the previous one ended. */
    static List<WindowRow> withGaps(List<WindowRow> windows, List<Instant> times) {
        List<WindowRow> rows = new ArrayList<>();
        Instant previousEnd = null;
        for (WindowRow w : windows) {
            if (previousEnd != null && w.windowStart().isAfter(previousEnd)) {
                rows.add(null);
                times.add(previousEnd);
            }
            rows.add(w);
            times.add(w.windowStart());
            previousEnd = w.windowEnd();
        }
        return rows;
    }

    static Columns windowColumns(List<WindowRow> windows) {
        List<Instant> times = new ArrayList<>();
        List<WindowRow> rows = withGaps(windows, times);
        Columns columns = new Columns(rows.size())
                .add("window_start", times, t -> t.toEpochMilli(), 0)
                .add("request_count", rows, w -> w.requestCount(), 0)
                .add("rps", rows, WindowRow::rps, 4)
                .add("error_rate", rows, WindowRow::errorRate, 6)
                .add("latency_p50_ms", rows, WindowRow::latencyP50Ms, 1)
                .add("latency_p95_ms", rows, WindowRow::latencyP95Ms, 1)
                .add("latency_p99_ms", rows, WindowRow::latencyP99Ms, 1)
                .add("ttft_p50_ms", rows, w -> orNaN(w.ttftP50Ms()), 1)
                .add("ttft_p95_ms", rows, w -> orNaN(w.ttftP95Ms()), 1)
                .add("scored_count", rows, w -> w.scoredCount(), 0)
                .add("hallucination_rate", rows, w -> orNaN(w.hallucinationRate()), 6)
                .add("hallucination_rate_low", rows, w -> w.scoredCount() == 0 ? Double.NaN
                        : Summary.lowerBound(w.hallucinatedCount(), w.scoredCount()), 6)
                .add("hallucination_rate_high", rows, w -> w.scoredCount() == 0 ? Double.NaN
                        : Summary.upperBound(w.hallucinatedCount(), w.scoredCount()), 6);
        if (windows.stream().anyMatch(w -> w.costUsdSum() != null)) {
            columns.add("cost_usd_sum", rows, w -> orNaN(w.costUsdSum()), 6)
                    .add("cost_usd_per_request", rows, w -> orNaN(w.costUsdPerRequest()), 8);
        }
        return columns;
    }

    static Columns driftColumns(List<DriftRow> drift) {
        return new Columns(drift.size())
                .add("window_start", drift, d -> d.windowStart().toEpochMilli(), 0)
                .add("window_end", drift, d -> d.windowEnd().toEpochMilli(), 0)
                .add("drift_score", drift, d -> d.hasVerdict() ? d.driftScore() : Double.NaN, 4)
                .add("drift_detected", drift, d -> d.hasVerdict() ? (d.flagged() ? 1 : 0) : Double.NaN, 0)
                .add("drift_statistic_ratio", drift, KeyReport::statisticOverThreshold, 4)
                .add("drift_sample_count", drift, d -> d.driftSampleCount() == null ? Double.NaN : d.driftSampleCount(), 0);
    }

    /** {@code drift_statistic / drift_threshold}: above 1 is the primary method's "drift" verdict. */
    private static double statisticOverThreshold(DriftRow d) {
        if (d.driftStatistic() == null || d.driftThreshold() == null || d.driftThreshold() <= 0
                || d.driftThreshold().isInfinite()) {
            return Double.NaN;
        }
        return d.driftStatistic() / d.driftThreshold();
    }

    static List<StageSeries> stageSeries(List<StageRow> stages) {
        Map<String, List<StageRow>> byStage = new TreeMap<>();
        stages.forEach(s -> byStage.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s));
        List<StageSeries> series = new ArrayList<>();
        byStage.forEach((stage, rows) -> {
            double[] p95 = rows.stream().filter(r -> r.durationP95Ms() != null)
                    .mapToDouble(StageRow::durationP95Ms).sorted().toArray();
            double[] share = rows.stream().filter(r -> r.shareOfLatency() != null)
                    .mapToDouble(StageRow::shareOfLatency).toArray();
            series.add(new StageSeries(stage, rows.stream().mapToLong(StageRow::spanCount).sum(),
                    p95.length == 0 ? null : Summary.median(p95),
                    share.length == 0 ? null : Arrays.stream(share).average().orElseThrow(),
                    new Columns(rows.size())
                            .add("window_start", rows, r -> r.windowStart().toEpochMilli(), 0)
                            .add("span_count", rows, r -> r.spanCount(), 0)
                            .add("duration_p50_ms", rows, r -> orNaN(r.durationP50Ms()), 1)
                            .add("duration_p95_ms", rows, r -> orNaN(r.durationP95Ms()), 1)
                            .add("duration_p99_ms", rows, r -> orNaN(r.durationP99Ms()), 1)
                            .add("share_of_latency", rows, r -> orNaN(r.shareOfLatency()), 4)));
        });
        return series;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
