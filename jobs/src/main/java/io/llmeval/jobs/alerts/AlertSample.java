package io.llmeval.jobs.alerts;

import java.util.List;

/**
 * One alert rule's verdict on one closed window of one (model, route): the input of {@link AlertStateMachine}.
 * {@link WindowAlertRules} makes three per window metrics row; other per-window signals (e.g. drift statistics
 * on 5-minute windows) can feed the same state machine with their own samples. A key's samples must arrive in
 * window order; windows of any length work, a window follows on from the previous one when it starts where
 * that one ended.
 *
 * <pre>{@code
 * new AlertSample("error_rate_high", "gpt-4o-mini", "chat", start, start + 60_000, 0.35, 0.10, true, List.of("trace-1"));
 * }</pre>
 *
 * @param alert the rule, e.g. {@code error_rate_high}
 * @param windowStartMillis start of the window (inclusive)
 * @param windowEndMillis end of the window (exclusive)
 * @param value the window's value of the rule's metric; {@code NaN} when it has none (written as null)
 * @param threshold the rule's threshold, reported in the events
 * @param breached whether the window breaches the rule (thresholds, minimum counts)
 * @param exemplars up to three ids of offending requests in the window, or {@code null}
 */
public record AlertSample(
        String alert,
        String model,
        String route,
        long windowStartMillis,
        long windowEndMillis,
        double value,
        double threshold,
        boolean breached,
        List<String> exemplars) {

    /** The state machine's key: (alert, model, route). */
    public AlertKey key() {
        return new AlertKey(alert, model, route);
    }
}
