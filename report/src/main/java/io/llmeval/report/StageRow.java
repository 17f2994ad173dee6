package io.llmeval.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of {@code OUTPUT/stages/}, present in outputs of runs with trace spans: per key-window and stage the
 * span count, duration percentiles and the stage's share of the request latency.
 */
public record StageRow(
        Instant windowStart, Instant windowEnd, String model, String route, String stage,
        long spanCount, Double durationP50Ms, Double durationP95Ms, Double durationP99Ms, Double shareOfLatency) {

    public StageRow {
        SeriesKey.requireWindow(windowStart, windowEnd, model, route);
        Objects.requireNonNull(stage, "stage");
    }

    public SeriesKey key() {
        return new SeriesKey(model, route);
    }
}
