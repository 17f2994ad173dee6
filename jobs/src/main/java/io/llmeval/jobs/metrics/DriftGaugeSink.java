package io.llmeval.jobs.metrics;

import io.llmeval.jobs.drift.DriftWindow;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each drift window as gauges under {@code model=<m>, route=<r>}, e.g.
 * {@code flink_taskmanager_job_task_operator_model_route_llm_eval_drift_score{model="m",route="r"}}. The same
 * cardinality cap as {@link WindowGauges}: keys beyond {@code maxKeys} report together under
 * {@code model="other"}, which shows the latest highest drift score among them.
 */
public class DriftGaugeSink implements Sink<DriftWindow> {

    private static final long serialVersionUID = 1L;

    /** Exported gauges (name without {@link WindowGauges#PREFIX}) → value of the window. */
    static final Map<String, ToDoubleFunction<DriftWindow>> GAUGES = new LinkedHashMap<>();

    static {
        GAUGES.put("drift_score", w -> w.driftScore);
        GAUGES.put("drift_detected", w -> "ok".equals(w.status) ? (w.driftDetected ? 1 : 0) : Double.NaN);
        GAUGES.put("drift_sample_count", w -> w.sampleCount);
        GAUGES.put("prompt_tokens_drift_score", w -> w.promptTokensDriftScore);
        GAUGES.put("response_tokens_drift_score", w -> w.responseTokensDriftScore);
        GAUGES.put("drift_window_end_seconds", w -> w.windowEndMillis / 1000.0);
    }

    private final int maxKeys;

    public DriftGaugeSink(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** Names of the exported drift gauges, without the prefix. */
    public static java.util.List<String> gaugeNames() {
        return java.util.List.copyOf(GAUGES.keySet());
    }

    @Override
    public SinkWriter<DriftWindow> createWriter(WriterInitContext context) {
        CappedKeyGauges<DriftWindow> gauges = new CappedKeyGauges<>(context.metricGroup(), maxKeys, GAUGES,
                w -> w.model, w -> w.route, DriftGaugeSink::foldIntoOther);
        return gauges.writer();
    }

    /** What "other" reports: the latest window, and of equally recent ones the highest drift score. */
    static DriftWindow foldIntoOther(DriftWindow current, DriftWindow next) {
        boolean newer = current == null || next.windowEndMillis > current.windowEndMillis;
        boolean sameWindowHigher = current != null && next.windowEndMillis == current.windowEndMillis
                && !(next.driftScore <= current.driftScore);
        return newer || sameWindowHigher ? next : current;
    }
}
