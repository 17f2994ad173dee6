package io.llmeval.udfs.rouge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmeval.udfs.text.TokenizerMode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder validation and metric names, with the exact messages callers see. */
class RougeScorerBuilderTest {

    @Test
    void defaultsAreRougeScoresDefaults() {
        RougeScorer scorer = RougeScorer.builder().metrics("rouge1", "rougeLsum").build();
        assertThat(scorer.metrics()).containsExactly(RougeMetric.ROUGE_1, RougeMetric.ROUGE_LSUM);
        assertThat(scorer.useStemmer()).isFalse();
        assertThat(scorer.tokenizerMode()).isEqualTo(TokenizerMode.ROUGE_SCORE);
    }

    @Test
    void requiresAMetric() {
        assertThatThrownBy(() -> RougeScorer.builder().useStemmer(true).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("at least one ROUGE metric is required");
    }

    @Test
    void rejectsADuplicateMetric() {
        assertThatThrownBy(() -> RougeScorer.builder().metrics(RougeMetric.ROUGE_2).metrics("ROUGE2").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ROUGE metric rouge2 is given twice");
    }

    @Test
    void scoresComeBackInTheConfiguredOrder() {
        RougeScores scores = RougeScorer.builder().metrics("rougeL", "rouge3", "rouge1").build().score("a b c", "a b c");
        assertThat(scores.metrics()).extracting(RougeMetric::name).containsExactly("rougeL", "rouge3", "rouge1");
        assertThat(scores.get(1)).isEqualTo(new RougeScore(1.0, 1.0, 1.0));
        assertThatThrownBy(() -> scores.get(RougeMetric.ROUGE_2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric rouge2 was not scored; scored: rougeL, rouge3, rouge1");
    }

    @Test
    void survivesJavaSerializationAsFlinkFunctionsNeed() throws Exception {
        RougeScorer scorer = RougeScorer.builder().metrics("rouge2", "rougeLsum").useStemmer(true)
                .tokenizerMode(TokenizerMode.UNICODE).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(scorer);
        }
        RougeScorer copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RougeScorer) in.readObject();
        }
        assertThat(copy.toString()).isEqualTo(scorer.toString());
        assertThat(copy.score("running dogs\nbark", "the dog runs\nbarking").asMap())
                .isEqualTo(scorer.score("running dogs\nbark", "the dog runs\nbarking").asMap());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"rouge1, rouge1", "rouge2, rouge2", "ROUGE12, rouge12", "rougeL, rougeL", "rougel, rougeL",
        "' rougeLsum ', rougeLsum", "RougeLSum, rougeLsum"})
    void parsesRougeScoreNames(String name, String canonical) {
        assertThat(RougeMetric.parse(name).name()).isEqualTo(canonical);
        assertThat(RougeMetric.parse(name)).isEqualTo(RougeMetric.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rouge0", "rouge", "rougeW", "bleu", "rouge-1", "rouge99999999999"})
    void rejectsUnknownNamesListingTheValidOnes(String name) {
        assertThatThrownBy(() -> RougeMetric.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ROUGE metric '" + name
                        + "'; valid: rouge<N> with N >= 1 (rouge1, rouge2, ...), rougeL, rougeLsum");
    }

    @Test
    void rougeNNeedsAPositiveN() {
        assertThatThrownBy(() -> RougeMetric.rougeN(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ROUGE-N needs n >= 1, got 0");
        assertThat(RougeMetric.rougeN(2)).isSameAs(RougeMetric.ROUGE_2);
        assertThat(RougeMetric.rougeN(5).kind()).isEqualTo(RougeMetric.Kind.NGRAM);
    }
}
