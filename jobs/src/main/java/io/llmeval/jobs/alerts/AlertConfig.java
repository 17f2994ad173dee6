package io.llmeval.jobs.alerts;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;

/**
 * The thresholds of the alert rules, read once from a Flink {@link ReadableConfig} (keys and defaults in
 * {@link AlertOptions}, equal to those of {@code sql/alerts.sql}).
 *
 * <pre>{@code
 * AlertConfig alerts = AlertConfig.from(settings.flinkConfig());   // --conf llm-eval.alerts.*=...
 * alerts.latencyP95ThresholdMs();                                  // 8000.0 unless set
 * }</pre>
 *
 * @param hallucinationRateThreshold hallucination_spike: rate and its Wilson lower bound must exceed this
 * @param hallucinationMinScored hallucination_spike: fewest scored requests of a breached window
 * @param confidenceZ z of that Wilson lower bound (1.96: 95%)
 * @param latencyP95ThresholdMs latency_p95_high: p95 latency of the successful requests must exceed this
 * @param latencyMinRequests latency_p95_high: fewest successful requests of a breached window
 * @param errorRateThreshold error_rate_high: error rate must exceed this
 * @param errorMinRequests error_rate_high: fewest requests of a breached window
 * @param consecutiveWindows adjacent breached windows in a row that make an incident
 * @param costPerHourThresholdUsd cost_per_hour_high: a window's cost per hour must exceed this; {@code null}: off
 */
public record AlertConfig(
        double hallucinationRateThreshold,
        int hallucinationMinScored,
        double confidenceZ,
        double latencyP95ThresholdMs,
        int latencyMinRequests,
        double errorRateThreshold,
        int errorMinRequests,
        int consecutiveWindows,
        Double costPerHourThresholdUsd) implements Serializable {

    public AlertConfig {
        requireRate(hallucinationRateThreshold, AlertOptions.HALLUCINATION_RATE_THRESHOLD.key());
        requireRate(errorRateThreshold, AlertOptions.ERROR_RATE_THRESHOLD.key());
        requireNonNegative(confidenceZ, AlertOptions.CONFIDENCE_Z.key());
        requireNonNegative(latencyP95ThresholdMs, AlertOptions.LATENCY_P95_THRESHOLD_MS.key());
        requireCount(hallucinationMinScored, 0, AlertOptions.HALLUCINATION_MIN_SCORED.key());
        requireCount(latencyMinRequests, 0, AlertOptions.LATENCY_MIN_REQUESTS.key());
        requireCount(errorMinRequests, 0, AlertOptions.ERROR_MIN_REQUESTS.key());
        requireCount(consecutiveWindows, 1, AlertOptions.CONSECUTIVE_WINDOWS.key());
        if (costPerHourThresholdUsd != null) {
            requireNonNegative(costPerHourThresholdUsd, AlertOptions.COST_PER_HOUR_THRESHOLD_USD.key());
        }
    }

    public static AlertConfig defaults() {
        return from(new Configuration());
    }

    public static AlertConfig from(ReadableConfig config) {
        return new AlertConfig(
                config.get(AlertOptions.HALLUCINATION_RATE_THRESHOLD),
                config.get(AlertOptions.HALLUCINATION_MIN_SCORED),
                config.get(AlertOptions.CONFIDENCE_Z),
                config.get(AlertOptions.LATENCY_P95_THRESHOLD_MS),
                config.get(AlertOptions.LATENCY_MIN_REQUESTS),
                config.get(AlertOptions.ERROR_RATE_THRESHOLD),
                config.get(AlertOptions.ERROR_MIN_REQUESTS),
                config.get(AlertOptions.CONSECUTIVE_WINDOWS),
                config.getOptional(AlertOptions.COST_PER_HOUR_THRESHOLD_USD).orElse(null));
    }

    private static void requireRate(double value, String key) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be between 0 and 1, got " + value);
        }
    }

    private static void requireNonNegative(double value, String key) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + value);
        }
    }

    private static void requireCount(int value, int min, String key) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
        }
    }
}
