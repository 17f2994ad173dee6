package io.llmeval.jobs.alerts;

import io.llmeval.jobs.stages.StageWindow;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StageSlowNote} in the keyed two-input harness: the firing latency event names the stage whose share grew
 * most against the windows before the incident and carries that stage's slowest traces; events leave in order once
 * the window's stage rows are in; rows are dropped after their retention.
 */
class StageSlowNoteHarnessTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long MINUTE = 60_000;

    static StageWindow row(int minute, String stage, double share, String... exemplars) {
        StageWindow w = new StageWindow();
        w.windowStartMillis = T0 + minute * MINUTE;
        w.windowEndMillis = w.windowStartMillis + MINUTE;
        w.model = "m";
        w.route = "r";
        w.stage = stage;
        w.spanCount = 40;
        w.shareOfLatency = share;
        w.exemplars = List.of(exemplars);
        return w;
    }

    @Test
    void firingLatencyAlertNamesTheStageThatGrewMostAndItsSlowestTraces() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<Tuple2<String, String>, AlertEvent, StageWindow, AlertEvent> h =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new StageSlowNote(MINUTE, MINUTE, 2),
                        e -> Tuple2.of(e.model(), e.route()), w -> Tuple2.of(w.model, w.route),
                        TypeInformation.of(new TypeHint<>() {}));
        h.open();
        for (int minute = 0; minute < 5; minute++) {                       // baseline: decode dominates
            h.processElement2(row(minute, "decode", 0.70, "d" + minute), T0 + (minute + 2) * MINUTE);
            h.processElement2(row(minute, "retrieve", 0.10, "r" + minute), T0 + (minute + 2) * MINUTE);
        }
        h.processElement2(row(5, "decode", 0.20), T0 + 7 * MINUTE);        // incident: retrieve takes over
        h.processElement2(row(5, "retrieve", 0.75, "x"), T0 + 7 * MINUTE);
        h.processElement2(row(6, "decode", 0.15, "d6"), T0 + 8 * MINUTE);
        h.processElement2(row(6, "retrieve", 0.80, "slow-1", "slow-2", "slow-3"), T0 + 8 * MINUTE);
        h.processElement2(row(6, "queue", 0.02, "q6"), T0 + 8 * MINUTE);   // new, but grew little
        AlertEvent firing = new AlertEvent("latency_p95_high", AlertState.FIRING, "m", "r", T0 + 5 * MINUTE,
                T0 + 7 * MINUTE, 9100.0, 8000.0, 2, List.of("req-a", "req-b"));
        AlertEvent resolved = new AlertEvent("latency_p95_high", AlertState.RESOLVED, "m", "r", T0 + 5 * MINUTE,
                T0 + 7 * MINUTE, 700.0, 8000.0, 2, null);
        h.processElement1(resolved, T0 + 8 * MINUTE - 1);
        h.processElement1(firing, T0 + 7 * MINUTE - 1);

        h.processBothWatermarks(new Watermark(T0 + 8 * MINUTE - 1));
        assertThat(h.extractOutputValues()).as("waits for the window's stage rows").isEmpty();
        h.processBothWatermarks(new Watermark(T0 + 8 * MINUTE));

        assertThat(h.extractOutputValues()).containsExactly(
                firing.withStageSlow("retrieve", List.of("slow-1", "slow-2", "slow-3")), resolved);
        h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void withoutStageRowsTheEventIsUnchanged() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<Tuple2<String, String>, AlertEvent, StageWindow, AlertEvent> h =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new StageSlowNote(MINUTE, 0, 2),
                        e -> Tuple2.of(e.model(), e.route()), w -> Tuple2.of(w.model, w.route),
                        TypeInformation.of(new TypeHint<>() {}));
        h.open();
        AlertEvent firing = new AlertEvent("latency_p95_high", AlertState.FIRING, "m", "r", T0, T0 + 2 * MINUTE,
                9100.0, 8000.0, 2, List.of("req-a"));
        h.processElement1(firing, T0 + 2 * MINUTE - 1);
        h.processBothWatermarks(new Watermark(T0 + 2 * MINUTE));

        assertThat(h.extractOutputValues()).containsExactly(firing);
        h.close();
    }
}
