package io.llmeval.jobs.metrics;

import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the latest stage window per (model, route, stage), span input only:
 * {@code flink_taskmanager_job_task_operator_model_route_stage_llm_eval_stage_duration_p95_ms{model,route,stage}}.
 * Same cardinality cap as the window gauges ({@code llm-eval.prometheus.max-keys} label sets; beyond it
 * {@code other}: counts summed, durations and shares the maximum).
 */
public class StageGaugeSink implements Sink<StageWindow> {

    private static final long serialVersionUID = 1L;

    /** Exported gauges: name → value of the stage window. */
    static final Map<String, ToDoubleFunction<StageWindow>> GAUGES = new LinkedHashMap<>();

    static {
        GAUGES.put("stage_span_count", w -> w.spanCount);
        GAUGES.put("stage_duration_p50_ms", w -> w.durationP50Ms);
        GAUGES.put("stage_duration_p95_ms", w -> w.durationP95Ms);
        GAUGES.put("stage_duration_p99_ms", w -> w.durationP99Ms);
        GAUGES.put("stage_share_of_latency", w -> w.shareOfLatency);
        GAUGES.put("stage_window_end_seconds", w -> w.windowEndMillis / 1000.0);
    }

    private final int maxKeys;

    public StageGaugeSink(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** Names of the exported stage gauges, without {@link WindowGauges#PREFIX}. */
    public static List<String> gaugeNames() {
        return List.copyOf(GAUGES.keySet());
    }

    @Override
    public SinkWriter<StageWindow> createWriter(WriterInitContext context) {
        CappedKeyGauges<StageWindow> gauges = new CappedKeyGauges<>(context.metricGroup(), maxKeys, GAUGES,
                w -> w.model, w -> w.route, w -> w.stage, StageGaugeSink::foldIntoOther);
        return gauges.writer();
    }

    static StageWindow foldIntoOther(StageWindow current, StageWindow next) {
        if (current != null && next.windowEndMillis < current.windowEndMillis) {
            return current;
        }
        StageWindow folded = new StageWindow();
        boolean fresh = current == null || next.windowEndMillis > current.windowEndMillis;
        folded.windowStartMillis = next.windowStartMillis;
        folded.windowEndMillis = next.windowEndMillis;
        folded.model = WindowGauges.OTHER;
        folded.route = WindowGauges.OTHER;
        folded.stage = WindowGauges.OTHER;
        folded.spanCount = next.spanCount + (fresh ? 0 : current.spanCount);
        folded.durationP50Ms = fresh ? next.durationP50Ms : Math.max(current.durationP50Ms, next.durationP50Ms);
        folded.durationP95Ms = fresh ? next.durationP95Ms : Math.max(current.durationP95Ms, next.durationP95Ms);
        folded.durationP99Ms = fresh ? next.durationP99Ms : Math.max(current.durationP99Ms, next.durationP99Ms);
        folded.shareOfLatency = fresh ? next.shareOfLatency : Math.max(current.shareOfLatency, next.shareOfLatency);
        return folded;
    }
}
