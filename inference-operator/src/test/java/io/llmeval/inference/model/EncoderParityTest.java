package io.llmeval.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.llmeval.inference.NativeEnvironment;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ND4J encoder against ONNX Runtime running the model's own ONNX file on the same token ids, over the parity
 * corpus (129 texts): token ids identical to an independent tokenizer implementation, embeddings within 1e-6 (max
 * absolute difference) and cosine at least 0.9999, at batch 1 and in mixed-length batches of 32, with the CPU
 * kernels and with the portable ND4J-op kernels (the CUDA path) alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncoderParityTest {

    static final double MAX_ABS_DIFF = 1e-6;
    static final double MIN_COSINE = 0.9999;

    private List<ParityCorpus.Text> corpus;
    private MiniLmTokenizer tokenizer;
    private SharedWeights.Lease weights;
    private MiniLmEncoder encoder;
    private MiniLmEncoder portable;
    private OnnxReference onnx;

    @BeforeAll
    void setUp() throws Exception {
        NativeEnvironment.configureNativeThreads();
        corpus = ParityCorpus.load();
        ModelFiles files = ModelFiles.classpath();
        tokenizer = MiniLmTokenizer.create(files.readVerifiedTokenizer(), MiniLmTokenizer.DEFAULT_MAX_LENGTH);
        weights = SharedWeights.acquire(files);
        encoder = new MiniLmEncoder(weights.weights());
        portable = new MiniLmEncoder(weights.weights(), new Nd4jOpKernels());
        onnx = new OnnxReference(files.readVerifiedOnnx(), 2);
    }

    @AfterAll
    void tearDown() throws Exception {
        onnx.close();
        weights.close();
        tokenizer.close();
    }

    @Test
    void corpusCoversTheRequiredKindsOfText() {
        Map<String, Long> byCategory = corpus.stream()
                .collect(Collectors.groupingBy(ParityCorpus.Text::category, TreeMap::new, Collectors.counting()));
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
        assertThat(byCategory).containsKeys("short", "words100", "long", "vietnamese", "cjk", "emoji", "url", "code");
        assertThat(corpus.stream().filter(t -> t.referenceIds().length > 256).count()).isGreaterThanOrEqualTo(8);
        assertThat(corpus.stream().filter(t -> t.referenceIds().length > 512).count()).isGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void tokenIdsAreThoseOfTheReferenceTokenizer(int maxLength) throws Exception {
        try (MiniLmTokenizer t = MiniLmTokenizer.create(ModelFiles.classpath().readVerifiedTokenizer(), maxLength)) {
            for (ParityCorpus.Text text : corpus) {
                assertThat(t.encode(text.text())).as(text.id()).containsExactly(text.referenceIds(maxLength));
            }
        }
    }

    private MiniLmEncoder encoder(String kernels) {
        return kernels.equals("cpu") ? encoder : portable;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "nd4j-ops"})
    void batchOfOneMatchesOnnxRuntime(String kernels) throws Exception {
        Deviation worst = new Deviation();
        for (ParityCorpus.Text text : corpus) {
            int[][] ids = {tokenizer.encode(text.text())};
            worst.compare(text.id(), encoder(kernels).encode(ids)[0], onnx.embed(ids)[0]);
        }
        worst.assertWithinTolerance(kernels + ", batch 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "nd4j-ops"})
    void mixedLengthBatchesOf32MatchOnnxRuntime(String kernels) throws Exception {
        Deviation worst = new Deviation();
        for (int start = 0; start < corpus.size(); start += 32) {
            List<ParityCorpus.Text> chunk = corpus.subList(start, Math.min(start + 32, corpus.size()));
            int[][] ids = chunk.stream().map(t -> tokenizer.encode(t.text())).toArray(int[][]::new);
            float[][] expected = onnx.embed(ids);
            float[][] actual = encoder(kernels).encode(ids);
            for (int i = 0; i < ids.length; i++) {
                worst.compare(chunk.get(i).id(), actual[i], expected[i]);
            }
        }
        worst.assertWithinTolerance(kernels + ", mixed-length batch 32");
    }

    @Test
    void embedderBucketingMatchesOnnxRuntime() throws Exception {
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().batchSize(16).maxBatchTokens(1024).build()) {
            List<String> texts = corpus.stream().map(ParityCorpus.Text::text).toList();
            float[][] actual = embedder.embed(texts);
            Deviation worst = new Deviation();
            for (int i = 0; i < texts.size(); i++) {
                int[][] ids = {tokenizer.encode(texts.get(i))};
                worst.compare(corpus.get(i).id(), actual[i], onnx.embed(ids)[0]);
            }
            worst.assertWithinTolerance("length-bucketed batches");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "nd4j-ops"})
    void fullPositionTableMatchesOnnxRuntime(String kernels) throws Exception {
        List<ParityCorpus.Text> longest = corpus.stream().filter(t -> t.referenceIds().length > 512).toList();
        int[][] ids = longest.stream().map(t -> t.referenceIds(512)).toArray(int[][]::new);
        float[][] expected = onnx.embed(ids);
        float[][] actual = encoder(kernels).encode(ids);
        Deviation worst = new Deviation();
        for (int i = 0; i < ids.length; i++) {
            worst.compare(longest.get(i).id(), actual[i], expected[i]);
        }
        worst.assertWithinTolerance(kernels + ", 512 tokens");
    }

    @Test
    void goldenFileMatchesOnnxRuntimeAndEncoder() throws Exception {
        List<GoldenEmbeddings.Entry> golden = GoldenEmbeddings.load();
        assertThat(golden).isNotEmpty();
        Deviation vsOnnx = new Deviation();
        Deviation vsEncoder = new Deviation();
        for (GoldenEmbeddings.Entry e : golden) {
            assertThat(tokenizer.encode(e.text())).as(e.id()).containsExactly(e.ids());
            int[][] ids = {e.ids()};
            vsOnnx.compare(e.id(), onnx.embed(ids)[0], e.embedding());
            vsEncoder.compare(e.id(), encoder.encode(ids)[0], e.embedding());
        }
        vsOnnx.assertWithinTolerance("golden file vs ONNX Runtime");
        vsEncoder.assertWithinTolerance("golden file vs ND4J");
    }

    /** Worst absolute difference and lowest cosine over a run of comparisons. */
    static final class Deviation {
        double maxAbs;
        double minCosine = 1;
        String maxAbsAt = "-";
        String minCosineAt = "-";
        final List<String> failures = new ArrayList<>();

        void compare(String id, float[] actual, float[] expected) {
            assertThat(actual).as(id).hasSameSizeAs(expected);
            double abs = 0;
            for (int d = 0; d < actual.length; d++) {
                abs = Math.max(abs, Math.abs(actual[d] - expected[d]));
            }
            double cos = SentenceEmbedder.cosine(actual, expected);
            if (abs > maxAbs) {
                maxAbs = abs;
                maxAbsAt = id;
            }
            if (cos < minCosine) {
                minCosine = cos;
                minCosineAt = id;
            }
            if (abs > MAX_ABS_DIFF || cos < MIN_COSINE || Float.isNaN(actual[0])) {
                failures.add(id + " (max abs diff " + abs + ", cosine " + cos + ")");
            }
        }

        void assertWithinTolerance(String what) {
            System.out.printf("%s: max abs diff %.3g (%s), min cosine %.10f (%s)%n", what, maxAbs, maxAbsAt,
                    minCosine, minCosineAt);
            assertThat(failures).as(what + ": texts outside tolerance").isEmpty();
        }
    }
}
