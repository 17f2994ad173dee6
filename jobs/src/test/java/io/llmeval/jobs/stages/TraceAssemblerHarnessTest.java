package io.llmeval.jobs.stages;

import io.llmeval.jobs.otel.TraceSpan;
import io.llmeval.jobs.schema.DeadLetter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TraceAssembler} in the keyed operator harness: a request's stages are decided when the watermark passes its
 * end, children may come before their request, a stage span whose request never comes is an incomplete_trace dead
 * letter after the timeout, and no state or timer is left.
 */
class TraceAssemblerHarnessTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long TIMEOUT = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, TraceSpan, StageSample> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TraceAssembler(TIMEOUT, 4096), s -> s.traceId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static TraceSpan span(String trace, String id, String parent, String stage, long startMs, long endMs) {
        TraceSpan s = new TraceSpan();
        s.traceId = trace;
        s.spanId = id;
        s.parentSpanId = parent;
        s.name = stage == null ? "other" : stage;
        s.stage = stage;
        s.startNanos = (T0 + startMs) * 1_000_000;
        s.endNanos = (T0 + endMs) * 1_000_000;
        s.source = "test";
        return s;
    }

    static TraceSpan request(String trace, String id, String parent, long startMs, long endMs) {
        TraceSpan s = span(trace, id, parent, null, startMs, endMs);
        s.request = true;
        s.model = "m";
        s.route = "r";
        return s;
    }

    private void feed(TraceSpan... spans) throws Exception {
        for (TraceSpan s : spans) {
            harness.processElement(s, s.startMillis());
        }
    }

    private List<String> samples() {
        return harness.extractOutputValues().stream()
                .map(s -> s.traceId + " " + s.stage + " " + java.util.Arrays.toString(s.durationsNanos)).toList();
    }

    private List<String> deadLetters() {
        Queue<StreamRecord<DeadLetter>> out = harness.getSideOutput(TraceAssembler.INCOMPLETE);
        return out == null ? List.of() : out.stream().map(r -> r.getValue().reason + " " + r.getValue().raw).toList();
    }

    @Test
    void stagesOfARequestAreDecidedWhenTheWatermarkPassesItsEnd() throws Exception {
        feed(span("t1", "decode", "req", "decode", 1200, 2900),            // before its request
                request("t1", "req", "root", 1000, 3000),
                span("t1", "root", null, null, 900, 3100),                // the HTTP root: no stage
                span("t1", "queue", "req", "queue", 1050, 1200),
                span("t1", "inner", "req", null, 1000, 1100),              // an unmapped child ...
                span("t1", "tok", "inner", "tokenize", 1000, 1050),        // ... with a stage below it
                span("t1", "tok2", "inner", "tokenize", 1050, 1060));

        harness.processWatermark(T0 + 2999);
        assertThat(samples()).isEmpty();
        harness.processWatermark(T0 + 3000);
        assertThat(samples()).containsExactly("t1 decode [1700000000]", "t1 queue [150000000]",
                "t1 tokenize [50000000, 10000000]");
        assertThat(harness.extractOutputValues()).allSatisfy(s -> {
            assertThat(s.requestStartMillis).isEqualTo(T0 + 1000);
            assertThat(s.requestLatencyNanos).isEqualTo(2_000_000_000L);
        });

        harness.processWatermark(T0 + 3100 + TIMEOUT);
        assertThat(deadLetters()).as("the root is no stage: counted, not a dead letter").isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aStageSpanWhoseRequestNeverComesIsAnIncompleteTraceAfterTheTimeout() throws Exception {
        feed(span("t2", "retrieve", "missing", "retrieve", 5000, 5300));

        harness.processWatermark(T0 + 5300 + TIMEOUT - 1);
        assertThat(deadLetters()).isEmpty();
        harness.processWatermark(T0 + 5300 + TIMEOUT);

        assertThat(samples()).isEmpty();
        assertThat(deadLetters()).singleElement().asString()
                .startsWith("incomplete_trace {\"traceId\":\"t2\",\"spanId\":\"retrieve\",\"parentSpanId\":\"missing\"");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aChildWaitsForALongRequestPastItsOwnTimeoutAndLateStagesAreNotItsOwn() throws Exception {
        feed(request("t3", "req", null, 0, 200_000),
                span("t3", "prefill", "req", "prefill", 100, 2000),
                span("t3", "post", "req", "post_process", 200_500, 201_000)); // starts after the request ended

        harness.processWatermark(T0 + 2000 + TIMEOUT);
        assertThat(deadLetters()).isEmpty();
        harness.processWatermark(T0 + 200_000);
        assertThat(samples()).containsExactly("t3 prefill [1900000000]");
        harness.processWatermark(T0 + 201_000 + TIMEOUT);

        assertThat(deadLetters()).singleElement().asString().startsWith("incomplete_trace {\"traceId\":\"t3\",\"spanId\":\"post\"");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSpanIdSeenTwiceInItsTraceIsADeadLetter() throws Exception {
        feed(request("t4", "req", null, 0, 1000), span("t4", "d", "req", "decode", 10, 900),
                span("t4", "d", "req", "decode", 10, 900));
        harness.processWatermark(T0 + 1000);

        assertThat(samples()).containsExactly("t4 decode [890000000]");
        assertThat(deadLetters()).singleElement().asString().startsWith("duplicate_span ");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
