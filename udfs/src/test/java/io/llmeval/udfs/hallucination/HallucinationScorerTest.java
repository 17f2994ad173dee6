package io.llmeval.udfs.hallucination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.text.TokenizerMode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hand-made examples, multilingual text, and properties of the hallucination scorer. */
class HallucinationScorerTest {

    private static final String OBEROI = "The Oberoi family is an Indian family that is famous for its involvement "
            + "in hotels, namely through The Oberoi Group.The Oberoi Group is a hotel company with its head office "
            + "in Delhi.";
    private static final double FLOOR = HallucinationWeights.DEFAULT.probability(0, 0, 0, 0);

    private static HallucinationScorer scorer(TokenizerMode mode) {
        return HallucinationScorer.builder().tokenizerMode(mode).build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void correctShortAnswerAgainstALongPassageScoresLow(TokenizerMode mode) {
        HallucinationResult r = scorer(mode).score("Delhi", OBEROI, "Where is the head office?", null, null);
        assertThat(r.unsupportedRatio()).isZero();
        assertThat(r.unsupportedBigramRatio()).isZero();
        assertThat(r.entityMismatch()).isZero();
        assertThat(r.hallucinationScore()).isEqualTo(FLOOR).isLessThan(0.1);
        assertThat(r.hallucinated()).isFalse();
        // The naive baseline calls it hallucinated: one word against 30 has a tiny ROUGE-L F.
        assertThat(r.rougeLF()).isLessThan(0.1);
        assertThat(r.rougeComplement()).isGreaterThan(0.9);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void inventedAnswerIsFlagged(TokenizerMode mode) {
        HallucinationResult r = scorer(mode).score("Mumbai, the financial capital of India.", OBEROI, null, null,
                null);
        // The passage says "Indian", which the Porter stemmer does not reduce to "india".
        assertThat(r.unsupportedEntities()).containsExactly("Mumbai", "India");
        assertThat(r.entityMismatch()).isEqualTo(1.0);
        assertThat(r.unsupportedRatio()).isEqualTo(1.0); // mumbai, financi, capit, india
        assertThat(r.hallucinated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void wrongQuantityIsANumberMismatch(TokenizerMode mode) {
        HallucinationResult r = scorer(mode).score("100 quận", "12 quận", null, null, null);
        assertThat(r.numberMismatch()).isEqualTo(1.0);
        assertThat(r.unsupportedNumbers()).containsExactly("100");
        assertThat(r.hallucinated()).isTrue();

        HallucinationResult right = scorer(mode).score("Hà Nội có 12 quận.", "Hà Nội có 12 quận và 17 huyện.",
                null, null, null);
        assertThat(right.numberMismatch()).isZero();
        assertThat(right.entityMismatch()).isZero();
        assertThat(right.unsupportedRatio()).isZero();
        assertThat(right.hallucinated()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void numbersMatchWhateverTheirFormatting(TokenizerMode mode) {
        HallucinationScorer scorer = scorer(mode);
        assertThat(scorer.score("About 1,000 people.", "about 1000 people", null, null, null).numberMismatch())
                .isZero();
        assertThat(scorer.score("1.000 Menschen", "1,000 people", null, null, null).numberMismatch()).isZero();
        assertThat(scorer.score("1,5 Liter", "1.5 litres", null, null, null).numberMismatch()).isZero();
        assertThat(scorer.score("3.14", "pi is 3.1", null, null, null).numberMismatch()).isEqualTo(1.0);
        assertThat(scorer.score("12 and 13", "12 apples", null, null, null).numberMismatch()).isEqualTo(0.5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void vietnameseEntitiesAreComparedWithoutCaseOrAccents(TokenizerMode mode) {
        HallucinationScorer scorer = scorer(mode);
        String reference = "Thủ đô của Việt Nam là Hà Nội.";
        assertThat(scorer.score("Hà Nội", reference, null, null, null).entityMismatch()).isZero();
        assertThat(scorer.score("Ha Noi", reference, null, null, null).entityMismatch()).isZero();
        HallucinationResult wrong = scorer.score("Thủ đô là Huế.", reference, null, null, null);
        assertThat(wrong.unsupportedEntities()).containsExactly("Huế");
        assertThat(wrong.entityMismatch()).isEqualTo(0.5); // "Thủ" is found, "Huế" is not
        HallucinationResult city = scorer.score("Thành phố Hồ Chí Minh", reference, null, null, null);
        assertThat(city.unsupportedEntities()).containsExactly("Thành", "Hồ Chí Minh");
    }

    @Test
    void unicodeModeSeesVietnameseWordsTheRougeTokenizerBreaksUp() {
        String reference = "Hà Nội có 12 quận.";
        // ROUGE_SCORE cuts "quận" into "qu n" and "huyện" into "huy n": only fragments can be compared.
        double unicode = scorer(TokenizerMode.UNICODE).score("Hà Nội có 12 huyện.", reference, null, null, null)
                .unsupportedRatio();
        assertThat(unicode).isEqualTo(0.2); // hà nội có 12 huyện: "huyện" is the one unsupported content word
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void germanNounsAreCheckedLikeNames(TokenizerMode mode) {
        HallucinationScorer scorer = scorer(mode);
        String reference = "Berlin ist in 12 Bezirke gegliedert. Die Stadt hat 3,7 Millionen Einwohner.";
        HallucinationResult faithful = scorer.score("Berlin hat 12 Bezirke und 3,7 Millionen Einwohner.",
                reference, null, null, null);
        assertThat(faithful.entityMismatch()).isZero();
        assertThat(faithful.numberMismatch()).isZero();
        HallucinationResult wrong = scorer.score("München hat 25 Bezirke.", reference, null, null, null);
        assertThat(wrong.unsupportedEntities()).containsExactly("München");
        assertThat(wrong.unsupportedNumbers()).containsExactly("25");
        assertThat(wrong.hallucinationScore()).isGreaterThan(faithful.hallucinationScore());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void emojiAndEmptyTextsAreHarmless(TokenizerMode mode) {
        HallucinationScorer scorer = scorer(mode);
        for (String text : new String[] {"", "🙂🙃", "👍🏽 🇻🇳", "…!?", null}) {
            HallucinationResult r = scorer.score(text, "The cat sat on the mat 🙂.", null, null, null);
            assertThat(r.unsupportedRatio()).isZero();
            assertThat(r.entityMismatch()).isZero();
            assertThat(r.numberMismatch()).isZero();
            assertThat(r.hallucinationScore()).isEqualTo(FLOOR);
            HallucinationResult noReference = scorer.score("The cat 🙂 sat.", text, null, null, null);
            assertThat(noReference.unsupportedRatio()).isEqualTo(1.0);
            assertThat(noReference.hallucinated()).isTrue();
        }
    }

    @Test
    void optionalEvidenceIsAveragedInWithFixedWeights() {
        HallucinationScorer scorer = scorer(TokenizerMode.ROUGE_SCORE);
        HallucinationResult lexicalOnly = scorer.score("Delhi", OBEROI, null, null, null);
        double lexical = lexicalOnly.lexicalScore();
        assertThat(lexicalOnly.hallucinationScore()).isEqualTo(lexical);

        HallucinationResult both = scorer.score("Delhi", OBEROI, null, Math.log(0.5), 0.8);
        // (0.6·lexical + 0.25·(1 − 0.8) + 0.15·(1 − 0.5)) / 1.0
        assertThat(both.hallucinationScore()).isCloseTo(0.6 * lexical + 0.25 * 0.2 + 0.15 * 0.5, within(1e-12));
        assertThat(both.signals()).containsEntry("mean_logprob", Math.log(0.5)).containsEntry("semantic_similarity",
                0.8);

        HallucinationResult similarityOnly = scorer.score("Delhi", OBEROI, null, Double.NaN, -0.3);
        // NaN log-probability counts as absent; a negative similarity is clamped to 0.
        assertThat(similarityOnly.hallucinationScore()).isCloseTo((0.6 * lexical + 0.25) / 0.85, within(1e-12));
        assertThat(similarityOnly.meanLogprob()).isNull();
        assertThat(similarityOnly.signals()).containsEntry("mean_logprob", null);

        // A positive log-probability is impossible; it counts as certainty.
        assertThat(scorer.score("Delhi", OBEROI, null, 2.0, null).hallucinationScore())
                .isCloseTo(0.6 * lexical / 0.75, within(1e-12));
    }

    @Test
    void signalsComeByNameInAStableOrder() {
        HallucinationResult r = scorer(TokenizerMode.ROUGE_SCORE).score("Mumbai", OBEROI, null, null, null);
        assertThat(r.signals().keySet()).containsExactlyElementsOf(HallucinationResult.SIGNAL_NAMES);
        assertThat(r.signals().get("rouge_l_f")).isEqualTo(r.rougeLF());
        assertThat(r.signals().get("one_minus_rouge_l_f")).isEqualTo(1 - r.rougeLF());
        assertThat(r.signals().get("rouge2_p")).isEqualTo(r.rouge2().precision());
        assertThat(r.signals().get("rouge_lsum_r")).isEqualTo(r.rougeLsum().recall());
        assertThat(r.signals().get("unsupported_ratio")).isEqualTo(1.0);
    }

    @Test
    void builderValidatesTheThreshold() {
        assertThatThrownBy(() -> HallucinationScorer.builder().threshold(1.5).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("hallucination threshold must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> HallucinationScorer.builder().threshold(Double.NaN).build())
                .hasMessage("hallucination threshold must be in [0, 1], got NaN");
        HallucinationScorer strict = HallucinationScorer.builder().threshold(0.0).build();
        assertThat(strict.score("Delhi", OBEROI, null, null, null).hallucinated()).isTrue();
        assertThat(HallucinationScorer.builder().build().threshold()).isEqualTo(HallucinationScorer.DEFAULT_THRESHOLD);
    }

    private static final String[] WORDS = {
        "the", "cat", "cats", "sat", "on", "a", "mat", "Paris", "Hà", "Nội", "Straße", "12", "1,000", "3.5",
        "running", "ran", "🙂", "of", "Bank", "America", "quận", "über", "und", "Zooey", "is", "not", "\n", ",",
        ".",
    };

    private static String randomText(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TokenizerMode.class)
    void propertiesOnRandomTexts(TokenizerMode mode) {
        HallucinationScorer scorer = scorer(mode);
        Random random = new Random(17L);
        for (int trial = 0; trial < 500; trial++) {
            String reference = randomText(random, random.nextInt(40));
            String response = randomText(random, random.nextInt(15));
            HallucinationResult r = scorer.score(response, reference, null, null, null);
            for (var signal : r.signals().entrySet()) {
                if (signal.getValue() != null) {
                    assertThat(signal.getValue()).as(signal.getKey()).isBetween(0.0, 1.0);
                }
            }
            assertThat(r.hallucinationScore()).isBetween(FLOOR, 1.0);
            assertThat(r.hallucinated()).isEqualTo(r.hallucinationScore() >= scorer.threshold());
            // Deterministic.
            assertThat(scorer.score(response, reference, null, null, null).signals()).isEqualTo(r.signals());

            // A response copied from its reference is fully supported.
            HallucinationResult copy = scorer.score(reference, reference, null, null, null);
            assertThat(copy.unsupportedRatio()).isZero();
            assertThat(copy.unsupportedBigramRatio()).isZero();
            assertThat(copy.entityMismatch()).isZero();
            assertThat(copy.numberMismatch()).isZero();
            assertThat(copy.hallucinationScore()).isEqualTo(FLOOR);

            // Length is not a signal: saying the same thing twice changes none of the shares.
            HallucinationResult twice = scorer.score(response + "\n" + response, reference, null, null, null);
            assertThat(twice.unsupportedRatio()).isEqualTo(r.unsupportedRatio());
            assertThat(twice.entityMismatch()).isEqualTo(r.entityMismatch());
            assertThat(twice.numberMismatch()).isEqualTo(r.numberMismatch());

            // Adding the response to the reference can only remove unsupported content.
            HallucinationResult supported = scorer.score(response, reference + "\n" + response, null, null, null);
            assertThat(supported.unsupportedRatio()).isZero();
            assertThat(supported.entityMismatch()).isZero();
            assertThat(supported.numberMismatch()).isZero();
            assertThat(supported.hallucinationScore()).isLessThanOrEqualTo(r.hallucinationScore());
        }
    }

    @Test
    void isThreadSafeAndSerializable() throws Exception {
        HallucinationScorer scorer = scorer(TokenizerMode.UNICODE);
        Random random = new Random(5L);
        List<String[]> pairs = new ArrayList<>();
        List<java.util.Map<String, Double>> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String[] pair = {randomText(random, 10), randomText(random, 30)};
            pairs.add(pair);
            expected.add(scorer.score(pair[0], pair[1], null, null, null).signals());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < pairs.size(); i++) {
                        if (!scorer.score(pairs.get(i)[0], pairs.get(i)[1], null, null, null).signals()
                                .equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> future : futures) {
                assertThat(future.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(HallucinationScorer.builder().tokenizerMode(TokenizerMode.UNICODE).threshold(0.3).build());
        }
        HallucinationScorer copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (HallucinationScorer) in.readObject();
        }
        assertThat(copy.threshold()).isEqualTo(0.3);
        assertThat(copy.tokenizerMode()).isEqualTo(TokenizerMode.UNICODE);
        assertThat(copy.score(pairs.get(0)[0], pairs.get(0)[1], null, null, null).signals())
                .isEqualTo(expected.get(0));
    }

    @Test
    void aRougeLOnlyScorerGivesTheSameScoresAndRougeLAsTheFullOne() {
        HallucinationScorer full = HallucinationScorer.builder().build();
        HallucinationScorer rougeLOnly = HallucinationScorer.builder()
                .rougeMetrics(RougeMetric.ROUGE_L).build();
        for (LabeledResponse example : HaluEvalData.examples()) {
            HallucinationResult a = full.score(example.response(), example.reference(), example.prompt(), null, null);
            HallucinationResult b = rougeLOnly.score(example.response(), example.reference(), example.prompt(), null, null);
            assertThat(b.hallucinationScore()).isEqualTo(a.hallucinationScore());
            assertThat(b.hallucinated()).isEqualTo(a.hallucinated());
            assertThat(b.rougeLF()).isEqualTo(a.rougeLF());
        }
        assertThatThrownBy(() -> HallucinationScorer.builder()
                .rougeMetrics(RougeMetric.ROUGE_1)).hasMessageContaining("must include ROUGE-L");
    }
}
