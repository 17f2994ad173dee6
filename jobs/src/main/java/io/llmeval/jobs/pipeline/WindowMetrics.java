package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.schema.EventTimestamps;

import java.util.List;
import java.util.Objects;

/**
 * The metrics of one (model, route) window, as written to {@code windows/} and exported to Prometheus.
 * Percentiles are {@code NaN} (written as {@code null}) when the window has no value for them.
 * {@link #COLUMNS} fixes the column names and order of the JSON and CSV outputs. The fields after them
 * ({@code okCount} …) are inputs of the alert rules ({@code io.llmeval.jobs.alerts}), not output columns.
 */
public class WindowMetrics {

    /** Output columns, in order; names carry their units. */
    public static final List<String> COLUMNS = List.of(
            "window_start", "window_end", "model", "route",
            "request_count", "error_count", "error_rate", "rps",
            "latency_p50_ms", "latency_p90_ms", "latency_p95_ms", "latency_p99_ms", "latency_max_ms",
            "ttft_p50_ms", "ttft_p95_ms",
            "input_tokens_sum", "output_tokens_sum", "output_tokens_per_s",
            "scored_count", "hallucinated_count", "hallucination_rate", "hallucination_score_mean", "rouge_l_f_mean",
            "cost_usd_sum", "cost_usd_per_request", "unpriced_count");

    public long windowStartMillis;
    public long windowEndMillis;
    public String model;
    public String route;
    public long requestCount;
    public long errorCount;
    public double errorRate;
    public double rps;
    public double latencyP50Ms;
    public double latencyP90Ms;
    public double latencyP95Ms;
    public double latencyP99Ms;
    public double latencyMaxMs;
    public double ttftP50Ms;
    public double ttftP95Ms;
    public long inputTokensSum;
    public long outputTokensSum;
    public double outputTokensPerS;
    public long scoredCount;
    public long hallucinatedCount;
    public double hallucinationRate;
    public double hallucinationScoreMean;
    public double rougeLFMean;
    /** Σ cost of the priced requests in USD; 0 when none was priced. */
    public double costUsdSum;
    /** {@link #costUsdSum} over the priced requests; {@code NaN} (null) when none. */
    public double costUsdPerRequest;
    /** Requests the price table does not price (unknown model, no token counts). */
    public long unpricedCount;
    // Alert inputs, not written to windows/: as sql/windows.sql's ok_count, ok_latency_p95_ms and exemplars.
    public long okCount;
    public double okLatencyP95Ms;
    /** Up to three ids (trace id, else request id) of the most confidently hallucinated answers; null if none. */
    public List<String> hallucinationExemplars;
    /** Up to three ids of the slowest successful requests; null if none. */
    public List<String> latencyExemplars;
    /** Up to three ids of the slowest failed requests; null if none. */
    public List<String> errorExemplars;
    /** {@link #costUsdSum} per hour of window: the cost_per_hour_high alert's value. */
    public double costUsdPerHour;

    public WindowMetrics() {}

    /** Computes the metrics of a window from its accumulated stats. */
    public static WindowMetrics of(String model, String route, long startMillis, long endMillis, WindowStats stats) {
        WindowMetrics m = new WindowMetrics();
        double seconds = (endMillis - startMillis) / 1000.0;
        m.windowStartMillis = startMillis;
        m.windowEndMillis = endMillis;
        m.model = model;
        m.route = route;
        m.requestCount = stats.requestCount;
        m.errorCount = stats.errorCount;
        m.errorRate = stats.requestCount == 0 ? 0 : (double) stats.errorCount / stats.requestCount;
        m.rps = stats.requestCount / seconds;
        m.latencyP50Ms = stats.latencyMs.quantile(0.50);
        m.latencyP90Ms = stats.latencyMs.quantile(0.90);
        m.latencyP95Ms = stats.latencyMs.quantile(0.95);
        m.latencyP99Ms = stats.latencyMs.quantile(0.99);
        m.latencyMaxMs = stats.latencyMs.max();
        m.ttftP50Ms = stats.ttftMs.quantile(0.50);
        m.ttftP95Ms = stats.ttftMs.quantile(0.95);
        m.inputTokensSum = stats.inputTokensSum;
        m.outputTokensSum = stats.outputTokensSum;
        m.outputTokensPerS = stats.outputTokensSum / seconds;
        m.scoredCount = stats.scoredCount;
        m.hallucinatedCount = stats.hallucinatedCount;
        m.hallucinationRate = ratio(stats.hallucinatedCount, stats.scoredCount);
        m.hallucinationScoreMean = ratio(stats.hallucinationScoreNanos / WindowStats.FIXED_POINT, stats.scoredCount);
        m.rougeLFMean = ratio(stats.rougeLFNanos / WindowStats.FIXED_POINT, stats.scoredCount);
        m.okCount = stats.requestCount - stats.errorCount;
        m.okLatencyP95Ms = stats.okLatencyMs.quantile(0.95);
        m.hallucinationExemplars = stats.hallucinationExemplars.ids();
        m.latencyExemplars = stats.latencyExemplars.ids();
        m.errorExemplars = stats.errorExemplars.ids();
        m.costUsdSum = stats.costPicoUsdSum / WindowStats.PICO_USD;
        m.costUsdPerRequest = ratio(m.costUsdSum, stats.pricedCount);
        m.unpricedCount = stats.requestCount - stats.pricedCount;
        m.costUsdPerHour = m.costUsdSum * 3600 / seconds;
        return m;
    }

    /** {@code NaN} (written as null) when nothing was scored: unscored is not the same as good. */
    private static double ratio(double numerator, long count) {
        return count == 0 ? Double.NaN : numerator / count;
    }

    /** Column values in {@link #COLUMNS} order: strings, longs, or doubles ({@code NaN} for none). */
    public Object[] values() {
        return new Object[] {
            EventTimestamps.format(windowStartMillis), EventTimestamps.format(windowEndMillis), model, route,
            requestCount, errorCount, errorRate, rps,
            latencyP50Ms, latencyP90Ms, latencyP95Ms, latencyP99Ms, latencyMaxMs,
            ttftP50Ms, ttftP95Ms,
            inputTokensSum, outputTokensSum, outputTokensPerS,
            scoredCount, hallucinatedCount, hallucinationRate, hallucinationScoreMean, rougeLFMean,
            costUsdSum, costUsdPerRequest, unpricedCount
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowMetrics that && java.util.Arrays.equals(values(), that.values());
    }

    @Override
    public int hashCode() {
        return Objects.hash(windowStartMillis, model, route);
    }

    @Override
    public String toString() {
        return "WindowMetrics" + java.util.Arrays.toString(values());
    }
}
