package io.llmeval.jobs.alerts;

import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.pipeline.WindowMetrics;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert stage of the evaluation job: the rules of {@code sql/alerts.sql} on each closed window, and one
 * {@code firing} and one {@code resolved} {@link AlertEvent} per incident.
 *
 * <pre>{@code
 * DataStream<AlertEvent> alerts = AlertStage.build(outputs.windows(), outputs.driftWindows(), pipelineConfig,
 *         AlertConfig.from(conf));
 * // other per-window signals join the same state machine:
 * DataStream<AlertEvent> all = AlertStage.events(windowSamples.union(driftSamples), alertConfig);
 * }</pre>
 *
 * <p>Alerts need tumbling windows. Sliding windows overlap, so none would start where the previous one ended and
 * no incident could form; with {@code llm-eval.window.slide} set the stage passes no window on (and logs it).
 */
public final class AlertStage {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStage.class);

    private AlertStage() {}

    /** The alert events of the window metrics and, when given (not {@code null}), of the drift windows. */
    public static DataStream<AlertEvent> build(DataStream<WindowMetrics> windows, DataStream<DriftWindow> driftWindows,
                                               PipelineConfig pipeline, AlertConfig config) {
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
        return events(samples, config);
    }

    /** Incidents of any per-window samples (window metrics, drift, ...), keyed by (alert, model, route). */
    public static DataStream<AlertEvent> events(DataStream<AlertSample> samples, AlertConfig config) {
        return samples
                .keyBy(AlertSample::key, TypeInformation.of(AlertKey.class))
                .process(new AlertStateMachine(config.consecutiveWindows()))
                .name("alert-incidents").uid("alert-incidents");
    }
}
