package io.llmeval.jobs.alerts;

import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.pipeline.WindowMetrics;
import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert stage of the evaluation job: the rules of {@code sql/alerts.sql} on each closed window, and one
 * {@code firing} and one {@code resolved} {@link AlertEvent} per incident.
 *
 * <pre>{@code
 * DataStream<AlertEvent> alerts = AlertStage.build(outputs.windows(), outputs.driftWindows(), outputs.stages(),
 *         pipelineConfig, AlertConfig.from(conf));
 * // other per-window signals join the same state machine:
 * DataStream<AlertEvent> all = AlertStage.events(windowSamples.union(driftSamples), alertConfig);
 * }</pre>
 *
 * <p>With span input ({@code stages} not {@code null}) the {@code latency_p95_high} events go through
 * {@link StageSlowNote}, which names the stage that slowed down and points the exemplars at its slowest traces.
 *
 * <p>Alerts need tumbling windows. Sliding windows overlap, so none would start where the previous one ended and
 * no incident could form; with {@code llm-eval.window.slide} set the stage passes no window on (and logs it).
 */
public final class AlertStage {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStage.class);

    private AlertStage() {}

    /**
     * The alert events of the window metrics and, when given (not {@code null}), of the drift windows; with stage
     * windows (not {@code null}), latency alerts carry the stage that slowed down.
     */
    public static DataStream<AlertEvent> build(DataStream<WindowMetrics> windows, DataStream<DriftWindow> driftWindows,
                                               DataStream<StageWindow> stages, PipelineConfig pipeline, AlertConfig config) {
        boolean tumbling = pipeline.windowSlide() == null;
        if (!tumbling) {
            LOG.warn("Alerts are off: sliding windows ({} every {}) overlap, the alert rules need tumbling windows",
                    pipeline.windowSize(), pipeline.windowSlide());
        }
        // Each closed window, once per rule: breached or not, its value and exemplars.
        DataStream<AlertSample> samples = windows
                .filter(window -> tumbling)
                .name("alert-windows").uid("alert-windows")
                .flatMap(new WindowAlertRules(config))
                .name("alert-rules").uid("alert-rules");
        if (driftWindows != null) {
            samples = samples.union(driftWindows.flatMap(new DriftAlertRule()).name("drift-alert-rule").uid("drift-alert-rule"));
        }
        DataStream<AlertEvent> events = events(samples, config);
        return stages == null ? events : withStageNotes(events, stages, pipeline, config);
    }

    /** Latency events through {@link StageSlowNote} (joined with the key's stage rows), the others as they are. */
    private static DataStream<AlertEvent> withStageNotes(DataStream<AlertEvent> events, DataStream<StageWindow> stages,
                                                         PipelineConfig pipeline, AlertConfig config) {
        DataStream<AlertEvent> latency = events.filter(new IsLatencyAlert(true)).name("latency-alerts").uid("latency-alerts");
        DataStream<AlertEvent> others = events.filter(new IsLatencyAlert(false)).name("other-alerts").uid("other-alerts");
        DataStream<AlertEvent> noted = latency
                .keyBy(new AlertModelRoute())
                .connect(stages.keyBy(new StageModelRoute()))
                .process(new StageSlowNote(pipeline.windowSize().toMillis(),
                        pipeline.input().otel().traceTimeout().toMillis(), config.consecutiveWindows()))
                .name("stage-slow-note").uid("stage-slow-note");
        return noted.union(others);
    }

    /** Keeps the latency_p95_high events ({@code true}) or all the others ({@code false}). */
    static final class IsLatencyAlert implements org.apache.flink.api.common.functions.FilterFunction<AlertEvent> {
        private final boolean latency;

        IsLatencyAlert(boolean latency) {
            this.latency = latency;
        }

        @Override
        public boolean filter(AlertEvent event) {
            return WindowAlertRules.LATENCY_P95_HIGH.equals(event.alert()) == latency;
        }
    }

    static final class AlertModelRoute implements KeySelector<AlertEvent, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(AlertEvent event) {
            return Tuple2.of(event.model(), event.route());
        }
    }

    static final class StageModelRoute implements KeySelector<StageWindow, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(StageWindow row) {
            return Tuple2.of(row.model, row.route);
        }
    }

    /** Incidents of any per-window samples (window metrics, drift, ...), keyed by (alert, model, route). */
    public static DataStream<AlertEvent> events(DataStream<AlertSample> samples, AlertConfig config) {
        return samples
                .keyBy(AlertSample::key, TypeInformation.of(AlertKey.class))
                .process(new AlertStateMachine(config.consecutiveWindows()))
                .name("alert-incidents").uid("alert-incidents");
    }
}
