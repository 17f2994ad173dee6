package io.llmeval.report;

import java.time.Instant;

/**
 * The columns of one line of {@code OUTPUT/drift/} that the page shows (docs/drift.md, "Output"). Without a
 * verdict ({@code drift_status = insufficient_samples}) score, verdict, statistic and threshold are {@code null}.
 */
public record DriftRow(
        Instant windowStart, Instant windowEnd, String model, String route,
        String driftStatus, String driftMethod, Double driftScore, Boolean driftDetected,
        Double driftStatistic, Double driftThreshold, Long driftSampleCount) {

    public DriftRow {
        SeriesKey.requireWindow(windowStart, windowEnd, model, route);
    }

    public SeriesKey key() {
        return new SeriesKey(model, route);
    }

    /** Whether the window got a verdict (enough samples). */
    public boolean hasVerdict() {
        return driftDetected != null && driftScore != null;
    }

    public boolean flagged() {
        return Boolean.TRUE.equals(driftDetected);
    }
}
