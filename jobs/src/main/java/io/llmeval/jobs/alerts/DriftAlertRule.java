package io.llmeval.jobs.alerts;

import io.llmeval.jobs.drift.DriftWindow;
import io.llmeval.udfs.drift.DriftStatus;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * {@code drift_detected} of {@code sql/alerts.sql} on the jobs' drift windows: each window with a verdict becomes a
 * sample (value: the primary method's statistic, threshold: its threshold, breached: its verdict). Windows without
 * a verdict ({@code insufficient_samples}) give none, as {@code sql/drift.sql} drops them, so they end an incident.
 */
public class DriftAlertRule implements FlatMapFunction<DriftWindow, AlertSample> {

    public static final String DRIFT_DETECTED = "drift_detected";

    @Override
    public void flatMap(DriftWindow window, Collector<AlertSample> out) {
        if (DriftStatus.OK.label().equals(window.status)) {
            out.collect(new AlertSample(DRIFT_DETECTED, window.model, window.route, window.windowStartMillis,
                    window.windowEndMillis, window.driftStatistic, window.driftThreshold, window.driftDetected, null));
        }
    }
}
