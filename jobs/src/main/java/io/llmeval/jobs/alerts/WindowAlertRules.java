package io.llmeval.jobs.alerts;

import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.udfs.stats.WilsonScore;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * The window rules of {@code sql/alerts.sql}, on the DataStream jobs' {@link WindowMetrics}: each closed window
 * becomes one {@link AlertSample} per rule, breached or not.
 *
 * <ul>
 *   <li>{@code hallucination_spike}: {@code hallucination_rate} above the threshold over at least
 *       {@code hallucination-min-scored} scored requests, and so is the Wilson lower bound of the rate
 *       ({@link WilsonScore}, the function SQL's {@code WILSON_LOWER_BOUND} calls): 4 bad answers in 30 stay quiet.
 *   <li>{@code latency_p95_high}: p95 latency of the successful requests ({@code okLatencyP95Ms}, SQL's
 *       {@code ok_latency_p95_ms}) above the threshold over at least {@code latency-min-requests} of them. Not
 *       {@code latency_p95_ms}, which counts errors too: an error burst's 30-second timeouts would page twice.
 *   <li>{@code error_rate_high}: {@code error_rate} above the threshold over at least {@code error-min-requests}.
 *   <li>{@code cost_per_hour_high} (only when {@code cost-per-hour-threshold-usd} is set): the window's
 *       {@code cost_usd_sum} per hour of window above the threshold. Exemplars: none.
 * </ul>
 *
 * <pre>{@code
 * List<AlertSample> samples = new WindowAlertRules(AlertConfig.defaults()).samples(window);   // three
 * }</pre>
 */
public class WindowAlertRules implements FlatMapFunction<WindowMetrics, AlertSample> {

    public static final String HALLUCINATION_SPIKE = "hallucination_spike";
    public static final String LATENCY_P95_HIGH = "latency_p95_high";
    public static final String ERROR_RATE_HIGH = "error_rate_high";
    public static final String COST_PER_HOUR_HIGH = "cost_per_hour_high";

    private final AlertConfig config;

    public WindowAlertRules(AlertConfig config) {
        this.config = config;
    }

    @Override
    public void flatMap(WindowMetrics window, Collector<AlertSample> out) {
        samples(window).forEach(out::collect);
    }

    /** The window's sample of each rule, in the order of the list above. */
    public List<AlertSample> samples(WindowMetrics w) {
        List<AlertSample> rules = windowRules(w);
        Double costThreshold = config.costPerHourThresholdUsd();
        if (costThreshold == null) {
            return rules;
        }
        List<AlertSample> withCost = new java.util.ArrayList<>(rules);
        withCost.add(sample(COST_PER_HOUR_HIGH, w, w.costUsdPerHour, costThreshold, w.costUsdPerHour > costThreshold, null));
        return withCost;
    }

    private List<AlertSample> windowRules(WindowMetrics w) {
        return List.of(
                sample(HALLUCINATION_SPIKE, w, w.hallucinationRate, config.hallucinationRateThreshold(),
                        hallucinationBreached(w), w.hallucinationExemplars),
                sample(LATENCY_P95_HIGH, w, w.okLatencyP95Ms, config.latencyP95ThresholdMs(),
                        w.okCount >= config.latencyMinRequests() && w.okLatencyP95Ms > config.latencyP95ThresholdMs(),
                        w.latencyExemplars),
                sample(ERROR_RATE_HIGH, w, w.errorRate, config.errorRateThreshold(),
                        w.requestCount >= config.errorMinRequests() && w.errorRate > config.errorRateThreshold(),
                        w.errorExemplars));
    }

    private boolean hallucinationBreached(WindowMetrics w) {
        double threshold = config.hallucinationRateThreshold();
        return w.scoredCount > 0
                && w.scoredCount >= config.hallucinationMinScored()
                && w.hallucinationRate > threshold
                && WilsonScore.lowerBound(w.hallucinatedCount, w.scoredCount, config.confidenceZ()) > threshold;
    }

    private static AlertSample sample(String alert, WindowMetrics w, double value, double threshold, boolean breached,
                                      List<String> exemplars) {
        return new AlertSample(alert, w.model, w.route, w.windowStartMillis, w.windowEndMillis, value, threshold,
                breached, exemplars);
    }
}
