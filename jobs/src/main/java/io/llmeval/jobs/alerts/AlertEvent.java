package io.llmeval.jobs.alerts;

import java.util.List;

/**
 * One event of an incident, as written to {@code alerts/} and the alerts topic: the fields of
 * {@code sql/alerts.sql}'s sinks, in {@link #FIELDS} order ({@code OutputJson.alertToJson}).
 *
 * @param alert the rule, e.g. {@code latency_p95_high}
 * @param state firing or resolved
 * @param windowStartMillis start of the incident's first window
 * @param windowEndMillis firing: end of the window that fired it; resolved: end of the incident's last window
 * @param value the metric in the window that fired (firing) or resolved (resolved) it; {@code NaN} for none
 * @param threshold the rule's threshold
 * @param breachedWindows firing: the windows that fired it; resolved: the incident's length in windows
 * @param exemplars firing: up to three ids of offending requests in the window that fired it; resolved: null
 * @param stageSlow latency_p95_high firing events of span input: the stage whose share of latency grew most against
 *                  the windows before the incident (then the exemplars are the traces slowest in it); otherwise null,
 *                  and not written
 */
public record AlertEvent(
        String alert,
        AlertState state,
        String model,
        String route,
        long windowStartMillis,
        long windowEndMillis,
        double value,
        double threshold,
        int breachedWindows,
        List<String> exemplars,
        String stageSlow) {

    /** Output fields, in order: the columns of {@code alerts_files} and {@code alerts_kafka} in sql/alerts.sql. */
    public static final List<String> FIELDS = List.of(
            "alert", "state", "model", "route", "window_start", "window_end",
            "value", "threshold", "breached_windows", "exemplars");

    /** Written after {@link #FIELDS} when set; SQL's events have no such field. */
    public static final String STAGE_SLOW = "stage_slow";

    /** An event without a stage note. */
    public AlertEvent(String alert, AlertState state, String model, String route, long windowStartMillis,
                      long windowEndMillis, double value, double threshold, int breachedWindows, List<String> exemplars) {
        this(alert, state, model, route, windowStartMillis, windowEndMillis, value, threshold, breachedWindows, exemplars,
                null);
    }

    /** This event with the stage note and that stage's exemplars. */
    public AlertEvent withStageSlow(String stage, List<String> stageExemplars) {
        return new AlertEvent(alert, state, model, route, windowStartMillis, windowEndMillis, value, threshold,
                breachedWindows, stageExemplars, stage);
    }
}
