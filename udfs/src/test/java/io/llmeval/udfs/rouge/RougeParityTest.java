package io.llmeval.udfs.rouge;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmeval.udfs.text.TokenizerMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every one of the 16,000 reference values of {@code data/rouge/expected.tsv}, within 1e-12. */
class RougeParityTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void matchesRougeScoreOnEveryExpectedValue() {
        Map<String, RougeParityData.Pair> pairs = RougeParityData.pairs();
        List<RougeParityData.Expected> expected = RougeParityData.expected();
        RougeScorer plain = scorer(false);
        RougeScorer stemmed = scorer(true);

        List<String> failures = new ArrayList<>();
        int bitIdentical = 0;
        double maxDiff = 0;
        for (RougeParityData.Expected row : expected) {
            RougeParityData.Pair pair = pairs.get(row.id());
            assertThat(pair).as("pair %s of expected.tsv", row.id()).isNotNull();
            RougeScore actual = (row.useStemmer() ? stemmed : plain)
                    .score(pair.reference(), pair.candidate()).get(row.metric());
            double diff = Math.max(Math.abs(actual.precision() - row.precision()),
                    Math.max(Math.abs(actual.recall() - row.recall()), Math.abs(actual.fmeasure() - row.fmeasure())));
            maxDiff = Math.max(maxDiff, diff);
            if (actual.equals(new RougeScore(row.precision(), row.recall(), row.fmeasure()))) {
                bitIdentical++;
            }
            if (diff > TOLERANCE) {
                failures.add(String.format("%s [%s] stem=%s %s: expected P=%s R=%s F=%s, got P=%s R=%s F=%s",
                        row.id(), pair.category(), row.useStemmer(), row.metric(), row.precision(), row.recall(),
                        row.fmeasure(), actual.precision(), actual.recall(), actual.fmeasure()));
            }
        }
        System.out.printf("ROUGE parity: %d rows (x3 values), %d bit-identical, max |diff| %s%n",
                expected.size(), bitIdentical, maxDiff);
        assertThat(expected).as("rows of expected.tsv").hasSize(16_000);
        assertThat(failures).as("%d of %d rows differ; first ones:%n%s", failures.size(), expected.size(),
                String.join("\n", failures.subList(0, Math.min(25, failures.size())))).isEmpty();
    }

    @Test
    void unicodeModeGivesTheSameScoresOnAsciiPairs() {
        Map<String, RougeParityData.Pair> pairs = RougeParityData.pairs();
        RougeScorer[] unicode = {scorer(false, TokenizerMode.UNICODE), scorer(true, TokenizerMode.UNICODE)};
        int compared = 0;
        for (RougeParityData.Expected row : RougeParityData.expected()) {
            RougeParityData.Pair pair = pairs.get(row.id());
            if (!isAscii(pair.reference()) || !isAscii(pair.candidate())) {
                continue;
            }
            RougeScore actual = unicode[row.useStemmer() ? 1 : 0]
                    .score(pair.reference(), pair.candidate()).get(row.metric());
            assertThat(actual).as("%s stem=%s %s", row.id(), row.useStemmer(), row.metric())
                    .isEqualTo(new RougeScore(row.precision(), row.recall(), row.fmeasure()));
            compared++;
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }

    private static RougeScorer scorer(boolean stem) {
        return scorer(stem, TokenizerMode.ROUGE_SCORE);
    }

    private static RougeScorer scorer(boolean stem, TokenizerMode mode) {
        return RougeScorer.builder()
                .metrics(RougeMetric.ROUGE_1, RougeMetric.ROUGE_2, RougeMetric.ROUGE_L, RougeMetric.ROUGE_LSUM)
                .useStemmer(stem)
                .tokenizerMode(mode)
                .build();
    }
}
