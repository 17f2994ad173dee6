package io.llmeval.jobs.metrics;

import io.llmeval.jobs.pipeline.WindowMetrics;
import org.apache.flink.metrics.MetricGroup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the latest closed window per (model, route), registered under the metric group
 * {@code model=<m>, route=<r>} so that Prometheus gets them as labels, e.g.
 * {@code flink_taskmanager_job_task_operator_model_route_llm_eval_latency_p95_ms{model="m",route="r"}}.
 *
 * <p>Label cardinality is capped: Flink cannot unregister a metric, so the first {@code maxKeys}
 * keys to close a window get their own label set for the life of the job and every later key is
 * folded into {@code model="other", route="other"} (counts summed, percentiles the maximum over the
 * folded keys, hallucination rate, score and cost per request the maximum, ROUGE-L the minimum, costs summed: the "other" series shows
 * the worst of the folded keys). A flood of distinct model names therefore costs a fixed number of series.
 */
public final class WindowGauges {

    public static final String OTHER = "other";
    public static final String PREFIX = "llm_eval_";

    /** Exported gauges: name (with unit) → value of the window. */
    static final Map<String, ToDoubleFunction<WindowMetrics>> GAUGES = new LinkedHashMap<>();

    static {
        GAUGES.put("request_count", m -> m.requestCount);
        GAUGES.put("error_count", m -> m.errorCount);
        GAUGES.put("error_rate", m -> m.errorRate);
        GAUGES.put("rps", m -> m.rps);
        GAUGES.put("latency_p50_ms", m -> m.latencyP50Ms);
        GAUGES.put("latency_p90_ms", m -> m.latencyP90Ms);
        GAUGES.put("latency_p95_ms", m -> m.latencyP95Ms);
        GAUGES.put("latency_p99_ms", m -> m.latencyP99Ms);
        GAUGES.put("latency_max_ms", m -> m.latencyMaxMs);
        GAUGES.put("ttft_p50_ms", m -> m.ttftP50Ms);
        GAUGES.put("ttft_p95_ms", m -> m.ttftP95Ms);
        GAUGES.put("output_tokens_per_s", m -> m.outputTokensPerS);
        GAUGES.put("scored_count", m -> m.scoredCount);
        GAUGES.put("hallucination_rate", m -> m.hallucinationRate);
        GAUGES.put("hallucination_score_mean", m -> m.hallucinationScoreMean);
        GAUGES.put("rouge_l_f_mean", m -> m.rougeLFMean);
        GAUGES.put("cost_usd_sum", m -> m.costUsdSum);
        GAUGES.put("cost_usd_per_request", m -> m.costUsdPerRequest);
        GAUGES.put("unpriced_count", m -> m.unpricedCount);
        GAUGES.put("window_end_seconds", m -> m.windowEndMillis / 1000.0);
    }

    private final CappedKeyGauges<WindowMetrics> gauges;

    public WindowGauges(MetricGroup group, int maxKeys) {
        this.gauges = new CappedKeyGauges<>(group, maxKeys, GAUGES, m -> m.model, m -> m.route,
                WindowGauges::foldIntoOther);
    }

    /** Publishes a closed window: its key's gauges now report it. */
    public void update(WindowMetrics metrics) {
        gauges.update(metrics);
    }

    /** A sink writer that publishes each closed window. */
    public org.apache.flink.api.connector.sink2.SinkWriter<WindowMetrics> writer() {
        return gauges.writer();
    }

    /** Names of the exported window gauges, without {@link #PREFIX}, in registration order. */
    public static java.util.List<String> gaugeNames() {
        return java.util.List.copyOf(GAUGES.keySet());
    }

    /** Number of keys with their own label set (for tests and logs). */
    public int admittedKeys() {
        return gauges.admittedKeys();
    }

    private static WindowMetrics foldIntoOther(WindowMetrics current, WindowMetrics next) {
        if (current == null || next.windowEndMillis > current.windowEndMillis) {
            WindowMetrics fresh = copy(next);
            fresh.model = OTHER;
            fresh.route = OTHER;
            return fresh;
        }
        if (next.windowEndMillis < current.windowEndMillis) {
            return current;
        }
        WindowMetrics folded = copy(current);
        folded.requestCount += next.requestCount;
        folded.errorCount += next.errorCount;
        folded.errorRate = folded.requestCount == 0 ? 0 : (double) folded.errorCount / folded.requestCount;
        folded.rps += next.rps;
        folded.latencyP50Ms = Math.max(folded.latencyP50Ms, next.latencyP50Ms);
        folded.latencyP90Ms = Math.max(folded.latencyP90Ms, next.latencyP90Ms);
        folded.latencyP95Ms = Math.max(folded.latencyP95Ms, next.latencyP95Ms);
        folded.latencyP99Ms = Math.max(folded.latencyP99Ms, next.latencyP99Ms);
        folded.latencyMaxMs = Math.max(folded.latencyMaxMs, next.latencyMaxMs);
        folded.ttftP50Ms = Math.max(folded.ttftP50Ms, next.ttftP50Ms);
        folded.ttftP95Ms = Math.max(folded.ttftP95Ms, next.ttftP95Ms);
        folded.inputTokensSum += next.inputTokensSum;
        folded.outputTokensSum += next.outputTokensSum;
        folded.outputTokensPerS += next.outputTokensPerS;
        folded.hallucinationRate = Math.max(folded.hallucinationRate, next.hallucinationRate);
        folded.hallucinationScoreMean = Math.max(folded.hallucinationScoreMean, next.hallucinationScoreMean);
        folded.rougeLFMean = Math.min(folded.rougeLFMean, next.rougeLFMean);
        folded.scoredCount += next.scoredCount;
        folded.hallucinatedCount += next.hallucinatedCount;
        folded.costUsdSum += next.costUsdSum;
        folded.costUsdPerRequest = Math.max(folded.costUsdPerRequest, next.costUsdPerRequest);
        folded.unpricedCount += next.unpricedCount;
        return folded;
    }

    private static WindowMetrics copy(WindowMetrics m) {
        WindowMetrics c = new WindowMetrics();
        c.windowStartMillis = m.windowStartMillis;
        c.windowEndMillis = m.windowEndMillis;
        c.model = m.model;
        c.route = m.route;
        c.requestCount = m.requestCount;
        c.errorCount = m.errorCount;
        c.errorRate = m.errorRate;
        c.rps = m.rps;
        c.latencyP50Ms = m.latencyP50Ms;
        c.latencyP90Ms = m.latencyP90Ms;
        c.latencyP95Ms = m.latencyP95Ms;
        c.latencyP99Ms = m.latencyP99Ms;
        c.latencyMaxMs = m.latencyMaxMs;
        c.ttftP50Ms = m.ttftP50Ms;
        c.ttftP95Ms = m.ttftP95Ms;
        c.inputTokensSum = m.inputTokensSum;
        c.outputTokensSum = m.outputTokensSum;
        c.outputTokensPerS = m.outputTokensPerS;
        c.scoredCount = m.scoredCount;
        c.hallucinatedCount = m.hallucinatedCount;
        c.hallucinationRate = m.hallucinationRate;
        c.hallucinationScoreMean = m.hallucinationScoreMean;
        c.rougeLFMean = m.rougeLFMean;
        c.costUsdSum = m.costUsdSum;
        c.costUsdPerRequest = m.costUsdPerRequest;
        c.unpricedCount = m.unpricedCount;
        return c;
    }
}
