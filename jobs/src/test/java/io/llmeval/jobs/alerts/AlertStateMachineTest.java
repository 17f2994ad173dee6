package io.llmeval.jobs.alerts;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AlertStateMachine} in Flink's keyed operator harness: window verdicts in, incident events out, and no
 * keyed state left once an incident is over.
 */
class AlertStateMachineTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private KeyedOneInputStreamOperatorTestHarness<AlertKey, AlertSample, AlertEvent> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = harness(2);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<AlertKey, AlertSample, AlertEvent> harness(int windows)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<AlertKey, AlertSample, AlertEvent> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AlertStateMachine(windows), AlertSample::key, TypeInformation.of(AlertKey.class));
        h.open();
        return h;
    }

    @Test
    void firesOnceOnTheSecondBreachedWindowAndResolvesOnceWithTheWholeIncident() throws Exception {
        feed(minute(0, 0.01, false), minute(1, 0.30, true), minute(2, 0.35, true), minute(3, 0.40, true),
                minute(4, 0.32, true), minute(5, 0.02, false), minute(6, 0.01, false));

        assertThat(events()).containsExactly(
                new AlertEvent("error_rate_high", AlertState.FIRING, "m", "r", T0 + MINUTE, T0 + 3 * MINUTE,
                        0.35, 0.10, 2, List.of("w2")),
                new AlertEvent("error_rate_high", AlertState.RESOLVED, "m", "r", T0 + MINUTE, T0 + 5 * MINUTE,
                        0.02, 0.10, 4, null));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aSingleBreachedWindowIsSilentAndLeavesNoState() throws Exception {
        feed(minute(0, 0.5, true), minute(1, 0.01, false), minute(2, 0.5, true), minute(3, 0.01, false));

        assertThat(events()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aMissingWindowEndsTheIncidentAndTheNextRunIsANewOne() throws Exception {
        // Minute 3 has no traffic: minute 4 does not follow on from minute 2.
        feed(minute(1, 0.3, true), minute(2, 0.3, true), minute(4, 0.4, true), minute(5, 0.5, true), minute(6, 0.0, false));

        assertThat(events()).extracting(AlertStateMachineTest::summary).containsExactly(
                "firing 1-3 x2 value 0.3",
                "resolved 1-3 x2 value 0.4",
                "firing 4-6 x2 value 0.5",
                "resolved 4-6 x2 value 0.0");
    }

    @Test
    void breachedWindowsWithGapsBetweenThemNeverFire() throws Exception {
        feed(minute(0, 0.3, true), minute(2, 0.3, true), minute(4, 0.3, true));

        assertThat(events()).isEmpty();
    }

    @Test
    void anIncidentStillOpenAtTheEndHasOnlyItsFiringEvent() throws Exception {
        feed(minute(0, 0.3, true), minute(1, 0.3, true), minute(2, 0.3, true));

        assertThat(events()).extracting(AlertStateMachineTest::summary).containsExactly("firing 0-2 x2 value 0.3");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void keysAreIndependent() throws Exception {
        AlertSample otherKey = new AlertSample("latency_p95_high", "m", "r", T0, T0 + MINUTE, 9000, 8000, true, null);
        AlertSample otherKeyNext = new AlertSample("latency_p95_high", "m", "r", T0 + MINUTE, T0 + 2 * MINUTE, 7000, 8000,
                false, null);
        feed(minute(0, 0.3, true), otherKey, minute(1, 0.3, true), otherKeyNext);

        assertThat(events()).extracting(AlertEvent::alert, AlertEvent::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("error_rate_high", AlertState.FIRING));
    }

    @Test
    void windowsOfAnyLengthFollowOnByTheirOwnBounds() throws Exception {
        // 5-minute windows, as drift statistics use: adjacency comes from each sample's start and end.
        long five = 5 * MINUTE;
        feed(drift(0, five, true), drift(five, 2 * five, true), drift(2 * five, 3 * five, true),
                drift(3 * five, 4 * five, false));

        assertThat(events()).containsExactly(
                new AlertEvent("drift_detected", AlertState.FIRING, "m", "r", T0, T0 + 2 * five, 0.2, 0.05, 2, null),
                new AlertEvent("drift_detected", AlertState.RESOLVED, "m", "r", T0, T0 + 3 * five, 0.2, 0.05, 3, null));
    }

    @Test
    void aWindowSeenAlreadyDoesNotCountTwice() throws Exception {
        // A late firing of minute 1 (allowed lateness above 0) arrives after minute 2.
        feed(minute(1, 0.3, true), minute(2, 0.3, true), minute(1, 0.3, true), minute(3, 0.3, true), minute(4, 0.0, false));

        assertThat(events()).extracting(AlertStateMachineTest::summary)
                .containsExactly("firing 1-3 x2 value 0.3", "resolved 1-4 x3 value 0.0");
    }

    @Test
    void moreConsecutiveWindowsCanBeRequired() throws Exception {
        harness.close();
        harness = harness(3);

        feed(minute(0, 0.3, true), minute(1, 0.3, true), minute(2, 0.0, false),
                minute(3, 0.3, true), minute(4, 0.3, true), minute(5, 0.4, true), minute(6, 0.0, false));

        assertThat(events()).extracting(AlertStateMachineTest::summary)
                .containsExactly("firing 3-6 x3 value 0.4", "resolved 3-6 x3 value 0.0");
        assertThatThrownBy(() -> new AlertStateMachine(0)).hasMessage("consecutive windows must be >= 1, got 0");
    }

    private void feed(AlertSample... samples) throws Exception {
        for (AlertSample sample : samples) {
            harness.processElement(sample, sample.windowEndMillis() - 1);
        }
    }

    private List<AlertEvent> events() {
        return harness.extractOutputValues();
    }

    /** An error_rate_high verdict on minute {@code n} of m/r, with exemplar "w{n}". */
    private static AlertSample minute(int n, double value, boolean breached) {
        return new AlertSample("error_rate_high", "m", "r", T0 + n * MINUTE, T0 + (n + 1) * MINUTE, value, 0.10,
                breached, List.of("w" + n));
    }

    private static AlertSample drift(long start, long end, boolean breached) {
        return new AlertSample("drift_detected", "m", "r", T0 + start, T0 + end, 0.2, 0.05, breached, null);
    }

    /** "state startMinute-endMinute xBreachedWindows value V". */
    private static String summary(AlertEvent e) {
        return e.state().id() + " " + (e.windowStartMillis() - T0) / MINUTE + "-" + (e.windowEndMillis() - T0) / MINUTE
                + " x" + e.breachedWindows() + " value " + e.value();
    }
}
