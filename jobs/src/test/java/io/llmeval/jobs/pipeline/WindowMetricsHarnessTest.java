package io.llmeval.jobs.pipeline;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric window (the pipeline's {@link WindowStatsAggregate} + {@link EmitWindowMetrics} on a tumbling event-time
 * window) in Flink's keyed operator harness: requests and watermarks in, one {@link WindowMetrics} per key-window out
 * when the watermark passes its end, and no state or timer left behind.
 */
class WindowMetricsHarnessTest {

    private static final long MINUTE = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, RequestFacts, WindowMetrics> harness;

    @BeforeEach
    void open() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<RequestFacts> requests = env.fromData(List.of(new RequestFacts()), TypeInformation.of(RequestFacts.class));
        OneInputTransformation<RequestFacts, WindowMetrics> window =
                (OneInputTransformation<RequestFacts, WindowMetrics>) requests
                        .keyBy(new ModelRouteKey())
                        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                        .aggregate(new WindowStatsAggregate(), new EmitWindowMetrics())
                        .getTransformation();
        OneInputStreamOperator<RequestFacts, WindowMetrics> operator =
                (OneInputStreamOperator<RequestFacts, WindowMetrics>) window.getOperator();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, new ModelRouteKey(),
                TypeInformation.of(new org.apache.flink.api.common.typeinfo.TypeHint<Tuple2<String, String>>() {}));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static RequestFacts request(String model, long timestamp, double latencyMs, boolean error) {
        RequestFacts facts = new RequestFacts();
        facts.requestId = model + "-" + timestamp;
        facts.model = model;
        facts.route = "chat";
        facts.timestampMillis = timestamp;
        facts.latencyMs = latencyMs;
        facts.inputTokens = 10L;
        facts.outputTokens = 30L;
        facts.error = error;
        return facts;
    }

    private void feed(RequestFacts facts) throws Exception {
        harness.processElement(new StreamRecord<>(facts, facts.timestampMillis));
    }

    private List<WindowMetrics> emitted() {
        return harness.extractOutputValues();
    }

    @Test
    void emitsEachKeyWindowOnceWhenTheWatermarkPassesItsEnd() throws Exception {
        feed(request("a", 1_000, 100, false));
        feed(request("a", 59_999, 300, true));
        feed(request("b", 30_000, 50, false));
        feed(request("a", MINUTE + 5, 200, false));
        harness.processWatermark(new Watermark(MINUTE - 2));
        assertThat(emitted()).as("the first window is still open").isEmpty();

        harness.processWatermark(new Watermark(MINUTE - 1));
        assertThat(emitted()).extracting(m -> m.model + "@" + m.windowStartMillis + " n=" + m.requestCount
                        + " errors=" + m.errorCount + " max=" + m.latencyMaxMs + " out=" + m.outputTokensSum)
                .containsExactlyInAnyOrder("a@0 n=2 errors=1 max=300.0 out=60", "b@0 n=1 errors=0 max=50.0 out=30");
        WindowMetrics a = emitted().stream().filter(m -> m.model.equals("a")).findFirst().orElseThrow();
        assertThat(a.windowEndMillis).isEqualTo(MINUTE);
        assertThat(a.errorRate).isEqualTo(0.5);
        assertThat(a.outputTokensPerS).isEqualTo(60 / 60.0);

        harness.processWatermark(new Watermark(2 * MINUTE));
        assertThat(emitted()).hasSize(3);
        assertThat(harness.numKeyedStateEntries()).as("window state is cleared").isZero();
        assertThat(harness.numEventTimeTimers()).as("no timer left").isZero();
    }

    @Test
    void aRecordForAClosedWindowIsNotCountedInIt() throws Exception {
        feed(request("a", 1_000, 100, false));
        harness.processWatermark(new Watermark(MINUTE));
        feed(request("a", 2_000, 100, false)); // late: its window has fired and allowed lateness is 0
        harness.processWatermark(new Watermark(2 * MINUTE));

        assertThat(emitted()).singleElement().satisfies(m -> assertThat(m.requestCount).isEqualTo(1));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
