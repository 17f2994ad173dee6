package io.llmeval.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event of {@code OUTPUT/alerts/}: a {@code firing} or {@code resolved} line (docs/pipeline.md, "Alerts").
 * {@code exemplars} is {@code null} on resolved events.
 */
public record AlertRow(
        String alert, String state, String model, String route, Instant windowStart, Instant windowEnd,
        Double value, Double threshold, Integer breachedWindows, List<String> exemplars) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public AlertRow {
        Objects.requireNonNull(alert, "alert");
        SeriesKey.requireWindow(windowStart, windowEnd, model, route);
        if (!FIRING.equals(state) && !RESOLVED.equals(state)) {
            throw new IllegalArgumentException("state must be firing or resolved, got " + state);
        }
        exemplars = exemplars == null ? List.of() : List.copyOf(exemplars);
    }

    public SeriesKey key() {
        return new SeriesKey(model, route);
    }

    public boolean firing() {
        return FIRING.equals(state);
    }
}
