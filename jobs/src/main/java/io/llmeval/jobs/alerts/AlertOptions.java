package io.llmeval.jobs.alerts;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The alert rules' thresholds, with the defaults of {@code sql/alerts.sql} ({@code SqlDefaults}): set them with
 * {@code --conf llm-eval.alerts.<name>=<value>} or in a cluster's {@code config.yaml}. See {@code docs/pipeline.md}.
 */
public final class AlertOptions {

    private AlertOptions() {}

    public static final ConfigOption<Double> HALLUCINATION_RATE_THRESHOLD =
            ConfigOptions.key("llm-eval.alerts.hallucination-rate-threshold")
                    .doubleType()
                    .defaultValue(0.10)
                    .withDescription("hallucination_spike: a window breaches when its hallucination_rate and the Wilson "
                            + "lower bound of that rate are both above this (SQL: HALLUCINATION_RATE_THRESHOLD).");

    public static final ConfigOption<Integer> HALLUCINATION_MIN_SCORED =
            ConfigOptions.key("llm-eval.alerts.hallucination-min-scored")
                    .intType()
                    .defaultValue(30)
                    .withDescription("hallucination_spike: fewest scored requests a window needs to breach "
                            + "(SQL: HALLUCINATION_MIN_SCORED).");

    public static final ConfigOption<Double> CONFIDENCE_Z =
            ConfigOptions.key("llm-eval.alerts.confidence-z")
                    .doubleType()
                    .defaultValue(1.96)
                    .withDescription("z of the Wilson lower bound of hallucination_spike; 1.96 is a two-sided 95% "
                            + "interval (SQL: ALERT_CONFIDENCE_Z).");

    public static final ConfigOption<Double> LATENCY_P95_THRESHOLD_MS =
            ConfigOptions.key("llm-eval.alerts.latency-p95-threshold-ms")
                    .doubleType()
                    .defaultValue(8000.0)
                    .withDescription("latency_p95_high: a window breaches when the p95 latency of its successful "
                            + "requests is above this many ms (SQL: LATENCY_P95_THRESHOLD_MS).");

    public static final ConfigOption<Integer> LATENCY_MIN_REQUESTS =
            ConfigOptions.key("llm-eval.alerts.latency-min-requests")
                    .intType()
                    .defaultValue(30)
                    .withDescription("latency_p95_high: fewest successful requests a window needs to breach "
                            + "(SQL: LATENCY_MIN_REQUESTS).");

    public static final ConfigOption<Double> ERROR_RATE_THRESHOLD =
            ConfigOptions.key("llm-eval.alerts.error-rate-threshold")
                    .doubleType()
                    .defaultValue(0.10)
                    .withDescription("error_rate_high: a window breaches when its error_rate is above this "
                            + "(SQL: ERROR_RATE_THRESHOLD).");

    public static final ConfigOption<Integer> ERROR_MIN_REQUESTS =
            ConfigOptions.key("llm-eval.alerts.error-min-requests")
                    .intType()
                    .defaultValue(30)
                    .withDescription("error_rate_high: fewest requests a window needs to breach (SQL: ERROR_MIN_REQUESTS).");

    public static final ConfigOption<Integer> CONSECUTIVE_WINDOWS =
            ConfigOptions.key("llm-eval.alerts.consecutive-windows")
                    .intType()
                    .defaultValue(2)
                    .withDescription("An incident fires when this many adjacent windows of a key in a row are breached "
                            + "(SQL: ALERT_CONSECUTIVE_WINDOWS).");

    public static final ConfigOption<Double> COST_PER_HOUR_THRESHOLD_USD =
            ConfigOptions.key("llm-eval.alerts.cost-per-hour-threshold-usd")
                    .doubleType()
                    .noDefaultValue()
                    .withDescription("cost_per_hour_high: a window breaches when its cost_usd_sum per hour of window is above "
                            + "this many USD. Unset (the default): the rule is off (SQL: COST_PER_HOUR_THRESHOLD_USD, -1 = off).");
}
