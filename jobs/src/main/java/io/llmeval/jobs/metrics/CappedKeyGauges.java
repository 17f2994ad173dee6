package io.llmeval.jobs.metrics;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the latest value per (model, route), registered under the metric group {@code model=<m>, route=<r>}
 * so that Prometheus gets them as labels, with a cap on label cardinality: Flink cannot unregister a metric, so
 * the first {@code maxKeys} keys get their own label set for the life of the job and every later key is folded
 * into {@code model="other", route="other"} by the caller's fold. The window gauges and the drift gauges both
 * publish through it.
 *
 * @param <T> the published value, e.g. a closed window's metrics
 */
final class CappedKeyGauges<T> {

    private final MetricGroup group;
    private final int maxKeys;
    private final Map<String, ToDoubleFunction<T>> gauges;
    private final Function<T, String> model;
    private final Function<T, String> route;
    /** A third label ({@code stage}) or {@code null}. */
    private final Function<T, String> stage;
    private final BinaryOperator<T> foldIntoOther;
    private final Map<String, Latest<T>> admitted = new HashMap<>();
    private Latest<T> other;

    /**
     * @param gauges        gauge name (prefixed with {@link WindowGauges#PREFIX} when registered) → value
     * @param foldIntoOther (what "other" reports now, or null; a value of a key beyond the cap) → what it reports next
     */
    CappedKeyGauges(MetricGroup group, int maxKeys, Map<String, ToDoubleFunction<T>> gauges, Function<T, String> model,
                    Function<T, String> route, BinaryOperator<T> foldIntoOther) {
        this(group, maxKeys, gauges, model, route, null, foldIntoOther);
    }

    /** Gauges labelled {@code model, route, stage}; "other" is {@code other} in all three. */
    CappedKeyGauges(MetricGroup group, int maxKeys, Map<String, ToDoubleFunction<T>> gauges, Function<T, String> model,
                    Function<T, String> route, Function<T, String> stage, BinaryOperator<T> foldIntoOther) {
        this.group = group;
        this.maxKeys = maxKeys;
        this.gauges = gauges;
        this.model = model;
        this.route = route;
        this.stage = stage;
        this.foldIntoOther = foldIntoOther;
    }

    /** Publishes a value: its key's gauges now report it. */
    void update(T value) {
        String key = model.apply(value) + '\u0000' + route.apply(value) + (stage == null ? "" : '\u0000' + stage.apply(value));
        Latest<T> latest = admitted.get(key);
        if (latest == null && admitted.size() < maxKeys) {
            latest = register(model.apply(value), route.apply(value), stage == null ? null : stage.apply(value));
            admitted.put(key, latest);
        }
        if (latest != null) {
            latest.value = value;
            return;
        }
        if (other == null) {
            other = register(WindowGauges.OTHER, WindowGauges.OTHER, stage == null ? null : WindowGauges.OTHER);
        }
        other.value = foldIntoOther.apply(other.value, value);
    }

    /** A sink writer that publishes every value it is given: what the gauge sinks return. */
    SinkWriter<T> writer() {
        return new SinkWriter<>() {
            @Override
            public void write(T value, Context context) {
                update(value);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /** Number of keys with their own label set. */
    int admittedKeys() {
        return admitted.size();
    }

    private Latest<T> register(String modelLabel, String routeLabel, String stageLabel) {
        Latest<T> latest = new Latest<>();
        MetricGroup routeGroup = group.addGroup("model", modelLabel).addGroup("route", routeLabel);
        MetricGroup keyGroup = stageLabel == null ? routeGroup : routeGroup.addGroup("stage", stageLabel);
        gauges.forEach((name, gauge) -> keyGroup.gauge(WindowGauges.PREFIX + name, (Gauge<Double>) () -> {
            T value = latest.value;
            return value == null ? Double.NaN : gauge.applyAsDouble(value);
        }));
        return latest;
    }

    /** The value a key's gauges report; written by the task thread, read by the reporter. */
    private static final class Latest<T> {
        volatile T value;
    }
}
