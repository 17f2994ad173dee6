package io.llmeval.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SentenceEmbedderTest {

    private static SentenceEmbedder embedder;

    @BeforeAll
    static void load() throws Exception {
        embedder = SentenceEmbedder.builder().batchSize(4).maxBatchTokens(256).build();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void vectorsAreUnitLengthAndIndependentOfBatching() {
        List<String> texts = new ArrayList<>(List.of("short", "a somewhat longer sentence about the weather today",
                "", "Xin chào thế giới", "🚀", "x ".repeat(400), "SELECT 1;", "medium length text here"));
        float[][] together = embedder.embed(texts);
        assertThat(together).hasNumberOfRows(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder.embed(texts.get(i));
            assertThat(alone).hasSize(SentenceEmbedder.DIMENSION);
            assertThat(norm(alone)).isCloseTo(1.0, within(1e-5));
            assertThat(maxAbsDiff(alone, together[i])).as(texts.get(i)).isLessThan(1e-5);
        }
        Collections.reverse(texts);
        float[][] reversed = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(maxAbsDiff(reversed[i], together[texts.size() - 1 - i])).isLessThan(1e-5);
        }
    }

    @Test
    void passesOnSeveralThreadsGiveTheSameVectorsInInputOrder() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            texts.add(("word" + i + " ").repeat(1 + (i * 7) % 60));
        }
        try (SentenceEmbedder one = SentenceEmbedder.builder().threads(1).build();
                SentenceEmbedder three = SentenceEmbedder.builder().threads(3).batchSize(8).build()) {
            assertThat(three.threads()).isEqualTo(3);
            float[][] expected = one.embed(texts);
            float[][] actual = three.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(maxAbsDiff(actual[i], expected[i])).as("text %d", i).isLessThan(1e-6);
            }
            assertThat(three.embed(texts.subList(0, 1))[0]).containsExactly(three.embed(texts.get(0)));
        }
    }

    @Test
    void emptyInputGivesNoVectors() {
        assertThat(embedder.embed(List.of())).isEmpty();
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        float[][] v = embedder.embed(List.of("How do I reset my password?", "I forgot my password, how can I change it?",
                "The stock market closed higher today."));
        assertThat(SentenceEmbedder.cosine(v[0], v[1])).isGreaterThan(SentenceEmbedder.cosine(v[0], v[2]) + 0.3);
    }

    static Stream<Arguments> cosines() {
        return Stream.of(
                Arguments.of(new float[] {1, 0}, new float[] {1, 0}, 1.0),
                Arguments.of(new float[] {1, 0}, new float[] {0, 1}, 0.0),
                Arguments.of(new float[] {1, 0}, new float[] {-1, 0}, -1.0),
                Arguments.of(new float[] {3, 4}, new float[] {6, 8}, 1.0),
                Arguments.of(new float[] {1, 1}, new float[] {1, 0}, Math.sqrt(0.5)),
                Arguments.of(new float[] {0, 0}, new float[] {1, 0}, 0.0));
    }

    @ParameterizedTest
    @MethodSource("cosines")
    void cosineOfSmallVectors(float[] a, float[] b, double expected) {
        assertThat(SentenceEmbedder.cosine(a, b)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void cosineRejectsDifferentLengths() {
        assertThatThrownBy(() -> SentenceEmbedder.cosine(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Vectors differ in length: 2 vs 3");
    }

    @Test
    void builderValidatesSettings() {
        assertThatThrownBy(() -> SentenceEmbedder.builder().maxLength(513).build())
                .hasMessage("maxLength must be between 3 and 512 but was 513");
        assertThatThrownBy(() -> SentenceEmbedder.builder().batchSize(0).build())
                .hasMessage("batchSize must be at least 1 but was 0");
        assertThatThrownBy(() -> SentenceEmbedder.builder().maxBatchTokens(100).build())
                .hasMessage("maxBatchTokens (100) must be at least maxLength (256)");
        assertThatThrownBy(() -> SentenceEmbedder.builder().threads(-1).build())
                .hasMessage("threads must not be negative but was -1");
    }

    @Test
    void maxLengthTruncatesIncludingSpecialTokens() throws Exception {
        try (SentenceEmbedder short8 = SentenceEmbedder.builder().maxLength(8).build()) {
            int[] ids = short8.tokenizer().encode("one two three four five six seven eight nine ten");
            assertThat(ids).hasSize(8);
            assertThat(ids[0]).isEqualTo(101);
            assertThat(ids[7]).isEqualTo(102);
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return Math.sqrt(s);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
