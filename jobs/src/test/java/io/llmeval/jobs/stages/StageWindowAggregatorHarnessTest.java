package io.llmeval.jobs.stages;

import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StageWindowAggregator} in the keyed harness: a request and its stages count in the window of the request's
 * start, the window is written trace-timeout after its end, requests ending later are left out, nothing stays.
 */
class StageWindowAggregatorHarnessTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long MINUTE = 60_000;

    static StageSample sample(String trace, long startMs, long endMs, long... durationsMs) {
        StageSample s = new StageSample();
        s.model = "m";
        s.route = "r";
        s.stage = "decode";
        s.traceId = trace;
        s.requestStartMillis = T0 + startMs;
        s.requestEndMillis = T0 + endMs;
        s.requestLatencyNanos = (endMs - startMs) * 1_000_000;
        s.durationsNanos = java.util.Arrays.stream(durationsMs).map(d -> d * 1_000_000).toArray();
        return s;
    }

    @Test
    void windowOfTheRequestStartWrittenAfterTheTimeout() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<Tuple3<String, String, String>, StageSample, StageWindow> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new StageWindowAggregator(MINUTE, MINUTE),
                        s -> Tuple3.of(s.model, s.route, s.stage), TypeInformation.of(new TypeHint<>() {}));
        h.open();
        h.processElement(sample("a", 1_000, 3_000, 1_500), T0 + 3_000);
        h.processElement(sample("b", 59_000, 61_000, 1_000, 500), T0 + 61_000);   // ends in the next window: still this one's
        h.processElement(sample("c", 58_000, 2 * MINUTE + 1, 100), T0 + 2 * MINUTE);  // ends after end + timeout: left out

        h.processWatermark(T0 + 2 * MINUTE - 1);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(T0 + 2 * MINUTE);

        assertThat(h.extractOutputValues()).singleElement().satisfies(w -> {
            assertThat(w.windowStartMillis).isEqualTo(T0);
            assertThat(w.windowEndMillis).isEqualTo(T0 + MINUTE);
            assertThat(w.spanCount).isEqualTo(3);
            assertThat(w.shareOfLatency).as("(1500 + 1500) / (2000 + 2000)").isEqualTo(0.75);
            assertThat(w.exemplars).containsExactly("a", "b");
        });
        h.processElement(sample("late", 2_000, 3_000, 10), T0 + 3_000);       // its window is written: late
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
