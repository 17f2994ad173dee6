package io.llmeval.inference.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.llmeval.inference.SentenceEmbedder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link EmbeddingOperator} driven by Flink's one-input operator harness: size- and time-triggered batches,
 * ordering, timestamps, watermarks, and the buffer carried through a snapshot and restore.
 */
class EmbeddingOperatorHarnessTest {

    private static final int MAX_RECORDS = 3;
    private static final long MAX_DELAY_MS = 50;

    private static SentenceEmbedder reference;

    @BeforeAll
    static void loadReference() throws Exception {
        reference = SentenceEmbedder.builder().build();
    }

    @AfterAll
    static void closeReference() {
        reference.close();
    }

    /** Emits "text|cosine-to-reference-embedding|number of vectors". */
    private static EmbeddingOperator<String, String> operator() {
        return EmbeddingOperator.<String, String>builder()
                .inputType(Types.STRING)
                .texts(s -> s.isEmpty() ? List.of() : List.of(s))
                .combiner((s, v) -> s + "|" + v.length + "|" + (v.length == 0 ? "" : Float.toString(v[0][0])))
                .maxBatchRecords(MAX_RECORDS)
                .maxDelay(Duration.ofMillis(MAX_DELAY_MS))
                .build();
    }

    private static OneInputStreamOperatorTestHarness<String, String> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(operator());
    }

    @Test
    void emitsAFullBatchInArrivalOrderWithTimestamps() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
            h.open();
            h.processElement("first text", 10);
            h.processElement("second", 20);
            assertThat(h.getOutput()).isEmpty();
            h.processElement("third one", 30);

            List<StreamRecord<String>> out = records(h);
            assertThat(out).extracting(r -> r.getValue().split("\\|")[0])
                    .containsExactly("first text", "second", "third one");
            assertThat(out).extracting(StreamRecord::getTimestamp).containsExactly(10L, 20L, 30L);
            for (StreamRecord<String> r : out) {
                String[] parts = r.getValue().split("\\|");
                assertThat(Float.parseFloat(parts[2])).isCloseTo(reference.embed(parts[0])[0], within(1e-5f));
            }
        }
    }

    @Test
    void flushesAPartialBatchAfterTheDelay() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
            h.open();
            h.setProcessingTime(1_000);
            h.processElement("only one", 5);
            h.setProcessingTime(1_000 + MAX_DELAY_MS - 1);
            assertThat(h.getOutput()).isEmpty();
            h.setProcessingTime(1_000 + MAX_DELAY_MS);
            assertThat(h.extractOutputValues()).singleElement().asString().startsWith("only one|1|");
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void flushesBeforeForwardingAWatermark() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
            h.open();
            h.processElement("a", 1);
            h.processElement("b", 2);
            h.processWatermark(2);
            List<Object> out = new ArrayList<>(h.getOutput());
            assertThat(out).hasSize(3);
            assertThat(out.get(2)).isEqualTo(new Watermark(2));
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void recordsWithoutTextsPassThroughInOrder() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
            h.open();
            h.processElement("x", 1);
            h.processElement("", 2);
            h.processElement("y", 3);
            assertThat(h.extractOutputValues()).extracting(s -> s.split("\\|", -1)[1]).containsExactly("1", "0", "1");
        }
    }

    @Test
    void restoresTheBufferWithoutLossOrDuplicates() throws Exception {
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
            h.open();
            h.processElement("emitted before", 1);
            h.processElement("emitted too", 2);
            h.processElement("also emitted", 3);
            h.processElement("buffered one", 4);
            h.processElement("buffered two", 5);
            assertThat(h.extractOutputValues()).hasSize(3);
            snapshot = h.snapshot(1L, 100L);
            // after the checkpoint, the job fails before the buffer is flushed
        }
        try (OneInputStreamOperatorTestHarness<String, String> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            assertThat(restored.getProcessingTimeService().getNumActiveTimers()).isEqualTo(1);
            restored.processElement("after restore", 6);
            List<StreamRecord<String>> out = records(restored);
            assertThat(out).extracting(r -> r.getValue().split("\\|")[0])
                    .containsExactly("buffered one", "buffered two", "after restore");
            assertThat(out).extracting(StreamRecord::getTimestamp).containsExactly(4L, 5L, 6L);
        }
    }

    @Test
    void endOfInputFlushes() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
            h.open();
            h.processElement("last words", 1);
            h.endInput();
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<StreamRecord<String>> records(OneInputStreamOperatorTestHarness<String, String> h) {
        List<StreamRecord<String>> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add((StreamRecord<String>) o);
            }
        }
        return out;
    }
}
