package io.llmeval.report;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The columns of one line of {@code OUTPUT/windows/} that the page shows (all columns: docs/pipeline.md, "Window
 * metrics"). Nullable columns are boxed: TTFT and the hallucination rate are {@code null} when no record had them,
 * and the cost columns exist only in outputs of runs with a price table. A line without one of the required
 * columns is not a window line (it is counted as unreadable).
 */
public record WindowRow(
        Instant windowStart, Instant windowEnd, String model, String route,
        @JsonProperty(required = true) long requestCount, @JsonProperty(required = true) long errorCount,
        @JsonProperty(required = true) double errorRate, @JsonProperty(required = true) double rps,
        @JsonProperty(required = true) double latencyP50Ms, @JsonProperty(required = true) double latencyP95Ms,
        @JsonProperty(required = true) double latencyP99Ms,
        Double ttftP50Ms, Double ttftP95Ms,
        @JsonProperty(required = true) long scoredCount, @JsonProperty(required = true) long hallucinatedCount,
        Double hallucinationRate,
        Double costUsdSum, Double costUsdPerRequest, Long unpricedCount) {

    public WindowRow {
        SeriesKey.requireWindow(windowStart, windowEnd, model, route);
    }

    public SeriesKey key() {
        return new SeriesKey(model, route);
    }
}
