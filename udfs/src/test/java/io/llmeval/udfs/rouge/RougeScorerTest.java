package io.llmeval.udfs.rouge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmeval.udfs.text.Tokenizer;
import io.llmeval.udfs.text.TokenizerMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of ROUGE scores, and the fast scorer against a plain oracle on random texts (fixed seeds). */
class RougeScorerTest {

    private static final RougeMetric[] ALL = {
        RougeMetric.ROUGE_1, RougeMetric.ROUGE_2, RougeMetric.rougeN(3), RougeMetric.rougeN(4),
        RougeMetric.ROUGE_L, RougeMetric.ROUGE_LSUM,
    };

    private static final String[] WORDS = {
        "the", "cat", "cats", "sat", "sitting", "on", "mat", "mats", "a", "dog", "dogs", "ran", "running",
        "runs", "quick", "quickly", "brown", "fox", "jumped", "jumps", "over", "lazy", "river", "rivers",
        "generously", "generous", "happy", "happiness", "connection", "connected", "connecting", "42", "1990s",
    };

    @Test
    void handWorkedExample() {
        // 9 vs 8 tokens; unigrams: the x2, quick, brown, jumps, dog; bigrams: "the quick", "quick brown";
        // LCS: the quick brown jumps the.
        RougeScores scores = scorer(false).score("The quick brown fox jumps over the lazy dog",
                "The quick brown dog jumps on the log.");
        assertThat(scores.get("rouge1")).isEqualTo(RougeScore.of(6, 8, 9));
        assertThat(scores.get("rouge2")).isEqualTo(RougeScore.of(2, 7, 8));
        assertThat(scores.get("rougeL")).isEqualTo(RougeScore.of(5, 8, 9));
        assertThat(scores.get("rouge1").precision()).isEqualTo(0.75);
    }

    @ParameterizedTest(name = "stem={0}")
    @ValueSource(booleans = {false, true})
    void identicalTextsScoreOne(boolean stem) {
        RougeScorer scorer = scorer(stem);
        Random random = new Random(1L);
        for (int trial = 0; trial < 300; trial++) {
            String text = randomText(random, 1 + random.nextInt(200), 1 + random.nextInt(5));
            for (RougeScore s : scorer.score(text, text).asMap().values()) {
                if (s != RougeScore.ZERO) { // ROUGE-N with fewer than n tokens has no n-grams
                    assertThat(s).isEqualTo(new RougeScore(1.0, 1.0, 1.0));
                }
            }
            assertThat(scorer.score(text, text).get(RougeMetric.ROUGE_L)).isEqualTo(new RougeScore(1.0, 1.0, 1.0));
            assertThat(scorer.score(text, text).get(RougeMetric.ROUGE_LSUM)).isEqualTo(new RougeScore(1.0, 1.0, 1.0));
        }
    }

    @ParameterizedTest(name = "reference=''{0}''")
    @CsvSource(value = {"''", "'   '", "'!?!... ---'", "'\n\n'", "'🙂 🙃'", "'日本語'"}, emptyValue = "")
    void textsWithoutTokensScoreZeroOnEitherSide(String empty) {
        RougeScorer scorer = scorer(true);
        for (RougeScore s : scorer.score(empty, "some real words here").asMap().values()) {
            assertThat(s).isEqualTo(RougeScore.ZERO);
        }
        for (RougeScore s : scorer.score("some real words here", empty).asMap().values()) {
            assertThat(s).isEqualTo(RougeScore.ZERO);
        }
        for (RougeScore s : scorer.score(empty, empty).asMap().values()) {
            assertThat(s).isEqualTo(RougeScore.ZERO);
        }
        assertThat(scorer.score(null, null).get(RougeMetric.ROUGE_L)).isEqualTo(RougeScore.ZERO);
    }

    @Test
    void swappingTheTextsSwapsPrecisionAndRecall() {
        RougeScorer scorer = scorer(true);
        Random random = new Random(2L);
        for (int trial = 0; trial < 300; trial++) {
            String a = randomText(random, random.nextInt(150), 1 + random.nextInt(4));
            String b = randomText(random, random.nextInt(150), 1 + random.nextInt(4));
            RougeScores ab = scorer.score(a, b);
            RougeScores ba = scorer.score(b, a);
            for (RougeMetric metric : ALL) {
                if (metric == RougeMetric.ROUGE_LSUM) {
                    continue; // the union LCS is taken over reference sentences: not symmetric on multi-line text
                }
                assertSwapped(ab.get(metric), ba.get(metric));
            }
            // On single-line texts ROUGE-Lsum is ROUGE-L, so it swaps too.
            String a1 = a.replace('\n', ' ');
            String b1 = b.replace('\n', ' ');
            assertSwapped(scorer.score(a1, b1).get(RougeMetric.ROUGE_LSUM), scorer.score(b1, a1).get(RougeMetric.ROUGE_LSUM));
            assertThat(scorer.score(a1, b1).get(RougeMetric.ROUGE_LSUM)).isEqualTo(scorer.score(a1, b1).get(RougeMetric.ROUGE_L));
        }
    }

    @Test
    void stemmingNeverLowersUnigramRecallOnInflectedVariants() {
        Random random = new Random(3L);
        String[] suffixes = {"", "s", "ed", "ing", "ly", "ness"};
        RougeScorer plain = scorer(false);
        RougeScorer stemmed = scorer(true);
        for (int trial = 0; trial < 300; trial++) {
            String reference = randomText(random, 5 + random.nextInt(60), 1);
            StringBuilder candidate = new StringBuilder();
            for (String word : reference.split(" ")) {
                candidate.append(word).append(suffixes[random.nextInt(suffixes.length)]).append(' ');
            }
            double before = plain.score(reference, candidate.toString()).get(RougeMetric.ROUGE_1).recall();
            double after = stemmed.score(reference, candidate.toString()).get(RougeMetric.ROUGE_1).recall();
            assertThat(after).isGreaterThanOrEqualTo(before);
        }
        String reference = "the cats were running towards connected rivers";
        String candidate = "a cat runs toward the connection river";
        assertThat(stemmed.score(reference, candidate).get(RougeMetric.ROUGE_1).recall())
                .isGreaterThan(plain.score(reference, candidate).get(RougeMetric.ROUGE_1).recall());
    }

    @ParameterizedTest(name = "stem={0}")
    @ValueSource(booleans = {false, true})
    void equalsThePlainOracleOnRandomMultiLineTexts(boolean stem) {
        RougeScorer scorer = scorer(stem);
        Tokenizer tokenizer = Tokenizer.of(TokenizerMode.ROUGE_SCORE, stem);
        Random random = new Random(stem ? 5L : 4L);
        for (int trial = 0; trial < 600; trial++) {
            // Long lines (> 64 and > 128 tokens) take the multi-word paths of the union LCS.
            int tokens = trial % 3 == 0 ? random.nextInt(400) : random.nextInt(60);
            String reference = randomText(random, tokens, 1 + random.nextInt(6));
            String candidate = random.nextBoolean() ? perturb(random, reference) : randomText(random,
                    random.nextInt(400), 1 + random.nextInt(6));
            RougeScores actual = scorer.score(reference, candidate);
            List<String> ref = tokenizer.tokenize(reference);
            List<String> cand = tokenizer.tokenize(candidate);
            for (RougeMetric metric : ALL) {
                RougeScore expected;
                switch (metric.kind()) {
                    case NGRAM:
                        expected = ReferenceRouge.ngrams(ref, cand, metric.n());
                        break;
                    case LCS:
                        expected = ReferenceRouge.lcs(ref, cand);
                        break;
                    default:
                        expected = ReferenceRouge.summaryLcs(tokenizer.tokenizeLines(reference),
                                tokenizer.tokenizeLines(candidate));
                }
                assertThat(actual.get(metric)).as("trial %d %s", trial, metric).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TokenizerMode.class)
    void unicodeTextKeepsItsWordsOnlyInUnicodeMode(TokenizerMode mode) {
        RougeScorer scorer = RougeScorer.builder().metrics(RougeMetric.ROUGE_1).tokenizerMode(mode).build();
        // "Hà Nội" vs "Hà Nam": in ROUGE_SCORE mode both become "h" + fragments and share "h".
        RougeScore score = scorer.score("Hà Nội", "Hà Nam").get(RougeMetric.ROUGE_1);
        if (mode == TokenizerMode.UNICODE) {
            assertThat(score).isEqualTo(RougeScore.of(1, 2, 2)); // hà
        } else {
            assertThat(score).isEqualTo(RougeScore.of(1, 2, 3)); // [h, n, i] vs [h, nam]
        }
    }

    @Test
    void scoresDoNotDependOnCallHistoryOrThreads() throws Exception {
        RougeScorer scorer = scorer(true);
        Random random = new Random(6L);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pairs.add(new String[] {randomText(random, random.nextInt(120), 3), randomText(random, random.nextInt(120), 3)});
        }
        List<RougeScores> sequential = new ArrayList<>();
        for (String[] pair : pairs) {
            sequential.add(scorer.score(pair[0], pair[1]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RougeScores>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<RougeScores> out = new ArrayList<>();
                    for (String[] pair : pairs) {
                        out.add(scorer.score(pair[0], pair[1]));
                    }
                    return out;
                }));
            }
            for (Future<List<RougeScores>> future : futures) {
                List<RougeScores> parallel = future.get();
                for (int i = 0; i < pairs.size(); i++) {
                    assertThat(parallel.get(i).asMap()).isEqualTo(sequential.get(i).asMap());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // A fresh scorer (empty vocabulary) agrees with a warm one.
        RougeScorer fresh = scorer(true);
        assertThat(fresh.score(pairs.get(150)[0], pairs.get(150)[1]).asMap()).isEqualTo(sequential.get(150).asMap());
    }

    @ParameterizedTest(name = "P={0} R={1} -> F={2}")
    @CsvSource({"0.0, 0.0, 0.0", "1.0, 1.0, 1.0", "0.5, 1.0, 0.6666666666666666", "0.75, 0.5, 0.6", "0.0, 1.0, 0.0"})
    void fmeasureIsRougeScoresFormula(double precision, double recall, double expected) {
        assertThat(RougeScore.fmeasure(precision, recall)).isCloseTo(expected, within(1e-15));
    }

    private static void assertSwapped(RougeScore ab, RougeScore ba) {
        assertThat(ab.precision()).isEqualTo(ba.recall());
        assertThat(ab.recall()).isEqualTo(ba.precision());
        assertThat(ab.fmeasure()).isEqualTo(ba.fmeasure());
    }

    private static RougeScorer scorer(boolean stem) {
        return RougeScorer.builder().metrics(ALL).useStemmer(stem).build();
    }

    private static String randomText(Random random, int tokens, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            if (i > 0) {
                sb.append(random.nextInt(tokens) < lines ? (random.nextInt(4) == 0 ? "\n\n" : "\n") : " ");
            }
            String word = WORDS[random.nextInt(random.nextBoolean() ? 8 : WORDS.length)];
            sb.append(random.nextInt(10) == 0 ? word.toUpperCase() : word);
            if (random.nextInt(12) == 0) {
                sb.append(random.nextBoolean() ? "," : ".");
            }
        }
        return sb.toString();
    }

    /** Drops, swaps and substitutes words, keeping the line structure. */
    private static String perturb(Random random, String text) {
        String[] parts = text.split(" ", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            int op = random.nextInt(10);
            String part = parts[i];
            if (op == 0) {
                continue;
            }
            if (op == 1 && i + 1 < parts.length) {
                String next = parts[i + 1];
                parts[i + 1] = part;
                part = next;
            } else if (op == 2) {
                part = WORDS[random.nextInt(WORDS.length)];
            }
            sb.append(sb.length() == 0 ? "" : " ").append(part);
        }
        return sb.toString();
    }
}
