package io.llmeval.jobs.drift;

import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.jobs.inference.InferenceSettings;
import io.llmeval.jobs.schema.LogRecord;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift window ({@link DriftSampleAggregate} + {@link EmitDriftWindow}, as {@link DriftStage} builds it) in Flink's
 * keyed operator harness with the real model: a reference of help-desk prompts, then a window of other help-desk
 * prompts (no drift), a window of medical questions (drift) and a window too small to judge.
 */
class EmitDriftWindowHarnessTest {

    private static final long WINDOW = Duration.ofMinutes(5).toMillis();
    private static final String[] ACCOUNT = {"password", "invoice", "two-factor code", "email address", "subscription",
        "billing address", "username", "API key", "profile photo", "payment card"};
    private static final String[] ACTION = {"reset", "change", "update", "recover", "cancel", "verify"};
    private static final String[] MEDICINE = {"ibuprofen", "paracetamol", "amoxicillin", "insulin", "aspirin",
        "metformin", "a flu vaccine", "antihistamines", "vitamin D", "a nasal spray"};
    private static final String[] PATIENT = {"a toddler with a fever", "a pregnant woman", "an elderly man with asthma",
        "a teenager after surgery", "someone with kidney disease", "a diabetic runner"};

    @TempDir
    static Path dir;

    static Path reference;

    @BeforeAll
    static void buildReference() throws Exception {
        List<String> texts = helpDesk(0, 120);
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().maxLength(128).build()) {
            float[][] vectors = embedder.embed(texts);
            long[] tokens = new long[texts.size()];
            java.util.Arrays.fill(tokens, 12);
            reference = dir.resolve("reference");
            new ReferenceDataset(SentenceEmbedder.fingerprint(128), TextField.PROMPT, vectors, new int[texts.size()],
                    List.of(new ReferenceDataset.Key("m", "chat")), tokens, tokens,
                    new ReferenceDataset.Provenance(null, null, List.of("test"))).write(reference);
        }
    }

    /** Help-desk prompts {@code from} .. {@code from + count - 1}, each distinct. */
    private static List<String> helpDesk(int from, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            texts.add("How do I " + ACTION[i % ACTION.length] + " my " + ACCOUNT[(i / ACTION.length) % ACCOUNT.length]
                    + " on the web app? Ticket " + i + ".");
        }
        return texts;
    }

    private static List<String> medical(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("What is a safe dose of " + MEDICINE[i % MEDICINE.length] + " for " + PATIENT[(i / MEDICINE.length)
                    % PATIENT.length] + "? Case " + i + ".");
        }
        return texts;
    }

    private static KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, DriftObservation, DriftWindow> harness(
            DriftConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var records = env.fromData(List.of(new LogRecord()), TypeInformation.of(LogRecord.class));
        OneInputTransformation<DriftObservation, DriftWindow> window =
                (OneInputTransformation<DriftObservation, DriftWindow>) DriftStage.attach(records, config).getTransformation();
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<DriftObservation, DriftWindow> operator =
                (OneInputStreamOperator<DriftObservation, DriftWindow>) window.getOperator();
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, new DriftStage.ObservationKey(),
                TypeInformation.of(new TypeHint<Tuple2<String, String>>() {}));
        harness.open();
        return harness;
    }

    private static DriftConfig config() {
        Configuration conf = new Configuration();
        conf.set(DriftOptions.REFERENCE, reference.toString());
        conf.set(DriftOptions.SAMPLE_SIZE, 60);
        conf.set(DriftOptions.MIN_SAMPLES, 20);
        conf.set(DriftOptions.MIN_REFERENCE_PER_KEY, 50);
        conf.setString("llm-eval.inference.max-length", "128");
        return DriftConfig.from(conf, InferenceSettings.from(conf));
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<Tuple2<String, String>, DriftObservation, DriftWindow> h,
                             long windowStart, List<String> texts) throws Exception {
        for (int i = 0; i < texts.size(); i++) {
            DriftObservation o = new DriftObservation();
            o.requestId = windowStart + "-" + i;
            o.model = "m";
            o.route = "chat";
            o.timestampMillis = windowStart + i * 1_000L;
            o.text = texts.get(i);
            o.inputTokens = 12;
            o.outputTokens = -1;
            h.processElement(new StreamRecord<>(o, o.timestampMillis));
        }
    }

    @Test
    void judgesEachClosedWindowAgainstTheKeysReference() throws Exception {
        try (var harness = harness(config())) {
            feed(harness, 0, helpDesk(500, 80));
            feed(harness, WINDOW, medical(80));
            feed(harness, 2 * WINDOW, helpDesk(900, 10));
            harness.processWatermark(new Watermark(WINDOW - 1));
            assertThat(harness.extractOutputValues()).singleElement().satisfies(w -> {
                assertThat(w.status).isEqualTo("ok");
                assertThat(w.referenceScope).isEqualTo("key");
                assertThat(w.sampleCount).isEqualTo(60);
                assertThat(w.seenCount).isEqualTo(80);
                assertThat(w.driftDetected).as("same topic, other prompts: score %s", w.driftScore).isFalse();
            });

            harness.processWatermark(new Watermark(3 * WINDOW));
            List<DriftWindow> windows = harness.extractOutputValues();
            assertThat(windows).hasSize(3);
            assertThat(windows.get(1).driftDetected).as("medical questions: score %s", windows.get(1).driftScore).isTrue();
            assertThat(windows.get(1).windowStartMillis).isEqualTo(WINDOW);
            assertThat(windows.get(2).status).isEqualTo("insufficient_samples");
            assertThat(windows.get(2).sampleCount).isEqualTo(10);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
