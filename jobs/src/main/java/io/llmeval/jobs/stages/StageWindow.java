package io.llmeval.jobs.stages;

import io.llmeval.jobs.schema.EventTimestamps;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One (window, model, route, stage) row of {@code OUTPUT/stages/}: how long the stage's spans took and what share of
 * its requests' latency it was. {@link #COLUMNS} fixes the JSON field order; {@link #exemplars} feed the alerts and
 * are not written.
 */
public class StageWindow {

    public static final List<String> COLUMNS = List.of(
            "window_start", "window_end", "model", "route", "stage", "span_count",
            "duration_p50_ms", "duration_p95_ms", "duration_p99_ms", "share_of_latency");

    public long windowStartMillis;
    public long windowEndMillis;
    public String model;
    public String route;
    public String stage;
    public long spanCount;
    public double durationP50Ms;
    public double durationP95Ms;
    public double durationP99Ms;
    /** The stage's summed time over the summed latency of the requests that have the stage. */
    public double shareOfLatency;
    /** Up to three trace ids that spent longest in the stage in this window. */
    public List<String> exemplars;

    public StageWindow() {}

    public static StageWindow of(String model, String route, String stage, long startMillis, long endMillis, StageStats stats) {
        StageWindow w = new StageWindow();
        w.windowStartMillis = startMillis;
        w.windowEndMillis = endMillis;
        w.model = model;
        w.route = route;
        w.stage = stage;
        w.spanCount = stats.spanCount;
        w.durationP50Ms = stats.durationsMs.quantile(0.50);
        w.durationP95Ms = stats.durationsMs.quantile(0.95);
        w.durationP99Ms = stats.durationsMs.quantile(0.99);
        w.shareOfLatency = stats.latencyNanos == 0 ? Double.NaN : (double) stats.stageNanos / stats.latencyNanos;
        w.exemplars = stats.slowestTraces.ids();
        return w;
    }

    /** Column values in {@link #COLUMNS} order. */
    public Object[] values() {
        return new Object[] {
            EventTimestamps.format(windowStartMillis), EventTimestamps.format(windowEndMillis), model, route, stage,
            spanCount, durationP50Ms, durationP95Ms, durationP99Ms, shareOfLatency
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageWindow that && Arrays.equals(values(), that.values())
                && Objects.equals(exemplars, that.exemplars);
    }

    @Override
    public int hashCode() {
        return Objects.hash(windowStartMillis, model, route, stage);
    }

    @Override
    public String toString() {
        return "StageWindow" + Arrays.toString(values()) + exemplars;
    }
}
