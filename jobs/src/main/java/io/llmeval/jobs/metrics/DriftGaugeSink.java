package io.llmeval.jobs.metrics;

import io.llmeval.jobs.drift.DriftWindow;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

import java.util.HashMap;
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
        Gauges gauges = new Gauges(context.metricGroup(), maxKeys);
        return new SinkWriter<>() {
            @Override
            public void write(DriftWindow window, Context ctx) {
                gauges.update(window);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /** The latest drift window per admitted key, and the "other" series. */
    static final class Gauges {
        private final MetricGroup group;
        private final int maxKeys;
        private final Map<String, Latest> admitted = new HashMap<>();
        private Latest other;

        Gauges(MetricGroup group, int maxKeys) {
            this.group = group;
            this.maxKeys = maxKeys;
        }

        void update(DriftWindow window) {
            String key = window.model + '\u0000' + window.route;
            Latest latest = admitted.get(key);
            if (latest == null && admitted.size() < maxKeys) {
                latest = register(window.model, window.route);
                admitted.put(key, latest);
            }
            if (latest != null) {
                latest.window = window;
                return;
            }
            if (other == null) {
                other = register(WindowGauges.OTHER, WindowGauges.OTHER);
            }
            DriftWindow current = other.window;
            if (current == null || window.windowEndMillis > current.windowEndMillis
                    || (window.windowEndMillis == current.windowEndMillis && !(window.driftScore <= current.driftScore))) {
                other.window = window;
            }
        }

        private Latest register(String model, String route) {
            Latest latest = new Latest();
            MetricGroup keyGroup = group.addGroup("model", model).addGroup("route", route);
            GAUGES.forEach((name, value) -> keyGroup.gauge(WindowGauges.PREFIX + name, (Gauge<Double>) () -> {
                DriftWindow window = latest.window;
                return window == null ? Double.NaN : value.applyAsDouble(window);
            }));
            return latest;
        }
    }

    /** Written by the task thread, read by the reporter. */
    private static final class Latest {
        volatile DriftWindow window;
    }
}
