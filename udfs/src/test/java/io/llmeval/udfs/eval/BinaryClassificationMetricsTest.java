package io.llmeval.udfs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** AUROC, AUPRC and best-F1 on tiny tables worked out by hand, plus properties against a brute-force oracle. */
class BinaryClassificationMetricsTest {

    private static final double TOLERANCE = 1e-12;

    /** scores, labels (1 = positive), AUROC, average precision, best-F1 threshold, its F1. */
    static Stream<Arguments> handComputed() {
        return Stream.of(
                // Perfect ranking: AUROC 1, AP 1; threshold 0.8 catches both positives alone.
                Arguments.of(new double[] {0.9, 0.8, 0.3, 0.1}, new int[] {1, 1, 0, 0}, 1.0, 1.0, 0.8, 1.0),
                // Inverted: AUROC 0; AP = 1/2·(1/3) + 1/2·(2/4) = 5/12; best F1 = 2·0.5·1/1.5 at the lowest score.
                Arguments.of(new double[] {0.9, 0.8, 0.3, 0.1}, new int[] {0, 0, 1, 1}, 0.0, 5.0 / 12, 0.1,
                        2.0 / 3),
                // One swap: 3 of 4 pairs; AP = 1/2·1 + 1/2·(2/3); F1 at 0.3 = 2·(2/3)·1/(5/3) = 0.8.
                Arguments.of(new double[] {0.9, 0.8, 0.3, 0.1}, new int[] {1, 0, 1, 0}, 0.75, 5.0 / 6, 0.3, 0.8),
                // All tied: AUROC 0.5, AP = base rate, everything predicted positive.
                Arguments.of(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {1, 0, 0, 0}, 0.5, 0.25, 0.5, 0.4),
                // A tie across classes at 0.5: pairs (0.9>0.5), (0.9>0.2), (0.5=0.5: 1/2), (0.5>0.2) → 3.5/4;
                // AP: at 0.9 P=1 R=1/2; at 0.5 P=2/3 R=1 → 1/2 + 1/2·2/3; F1 at 0.5 = 0.8, at 0.9 = 2/3.
                Arguments.of(new double[] {0.9, 0.5, 0.5, 0.2}, new int[] {1, 1, 0, 0}, 0.875, 5.0 / 6, 0.5, 0.8),
                // Negatives all at 0 and one positive at 0 as well (the HaluEval shape): AUROC = AP = 1 - 0.5/3.
                Arguments.of(new double[] {0.7, 0.2, 0.0, 0.0, 0.0, 0.0}, new int[] {1, 1, 1, 0, 0, 0},
                        1 - 0.5 / 3, 2.0 / 3 + 1.0 / 3 * 0.5, 0.2, 0.8));
    }

    @ParameterizedTest
    @MethodSource("handComputed")
    void handComputedTables(double[] scores, int[] labels, double auroc, double averagePrecision,
            double threshold, double f1) {
        boolean[] positive = labels(labels);
        assertThat(BinaryClassificationMetrics.auroc(scores, positive)).isCloseTo(auroc, within(TOLERANCE));
        assertThat(BinaryClassificationMetrics.averagePrecision(scores, positive))
                .isCloseTo(averagePrecision, within(TOLERANCE));
        ThresholdChoice best = BinaryClassificationMetrics.bestF1(scores, positive);
        assertThat(best.threshold()).isEqualTo(threshold);
        assertThat(best.f1()).isCloseTo(f1, within(TOLERANCE));
    }

    @ParameterizedTest(name = "AUROC({0} | {1}) = {2}")
    @CsvSource({
            "0.1 0.4 0.35 0.8, 0 0 1 1, 0.75",   // scikit-learn's roc_auc_score example
            "1 2 3 4,          0 0 1 1, 1.0",
            "4 3 2 1,          0 0 1 1, 0.0",
            "1 1 1 1,          0 1 0 1, 0.5",    // all tied
            "1 2 2 3,          0 0 1 1, 0.875",  // (1 + 0.5 + 1 + 1) / 4
    })
    void aurocOfSmallTables(String scores, String labels, double expected) {
        double[] s = Arrays.stream(scores.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        int[] l = Arrays.stream(labels.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        assertThat(BinaryClassificationMetrics.auroc(s, labels(l))).isCloseTo(expected, within(TOLERANCE));
    }

    @Test
    void bestF1ReportsPrecisionAndRecall() {
        ThresholdChoice best = BinaryClassificationMetrics.bestF1(new double[] {0.9, 0.8, 0.3, 0.1},
                labels(new int[] {1, 0, 1, 0}));
        assertThat(best.precision()).isCloseTo(2.0 / 3, within(TOLERANCE));
        assertThat(best.recall()).isEqualTo(1.0);
    }

    @Test
    void fixedThresholdCountsScoresAtTheThresholdAsFlagged() {
        double[] scores = {0.9, 0.8, 0.3, 0.1};
        boolean[] positive = labels(new int[] {1, 0, 1, 0});
        assertThat(BinaryClassificationMetrics.atThreshold(scores, positive, 0.8))
                .isEqualTo(new ThresholdChoice(0.8, 0.5, 0.5, 0.5));
        assertThat(BinaryClassificationMetrics.atThreshold(scores, positive, 2.0))
                .isEqualTo(new ThresholdChoice(2.0, 0, 0, 0));
        ThresholdChoice all = BinaryClassificationMetrics.atThreshold(scores, positive, 0.1);
        assertThat(all.precision()).isEqualTo(0.5);
        assertThat(all.recall()).isEqualTo(1.0);
        assertThat(all.f1()).isCloseTo(2.0 / 3, within(TOLERANCE));
    }

    @Test
    void oneClassOnlyGivesNaN() {
        double[] scores = {0.1, 0.2};
        assertThat(BinaryClassificationMetrics.auroc(scores, new boolean[] {true, true})).isNaN();
        assertThat(BinaryClassificationMetrics.auroc(scores, new boolean[] {false, false})).isNaN();
        assertThat(BinaryClassificationMetrics.averagePrecision(scores, new boolean[] {false, false})).isNaN();
        assertThat(BinaryClassificationMetrics.averagePrecision(scores, new boolean[] {true, true})).isEqualTo(1.0);
        assertThat(BinaryClassificationMetrics.bestF1(scores, new boolean[] {false, false}).f1()).isZero();
    }

    @Test
    void rejectsMismatchedLengthsAndNaN() {
        assertThatThrownBy(() -> BinaryClassificationMetrics.auroc(new double[] {1}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scores has 1 entries, labels 2");
        assertThatThrownBy(() -> BinaryClassificationMetrics.auroc(new double[] {1, Double.NaN},
                new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score 1 is NaN");
    }

    @Test
    void stratifiedAurocComparesOnlyWithinStrata() {
        // Stratum 1: positive 0.2 vs negative 0.1 (concordant). Stratum 2: positive 0.9 vs negatives 0.95, 0.9.
        // Across strata the positives would beat more negatives; within: (1 + 0 + 0.5) / 3.
        double[] scores = {0.2, 0.1, 0.9, 0.95, 0.9, 0.5};
        boolean[] positive = labels(new int[] {1, 0, 1, 0, 0, 1});
        int[] strata = {1, 1, 2, 2, 2, 3}; // stratum 3 has no negative: it adds nothing
        BinaryClassificationMetrics.StratifiedAuroc result =
                BinaryClassificationMetrics.stratifiedAurocWithPairs(scores, positive, strata);
        assertThat(result.pairs()).isEqualTo(3);
        assertThat(result.auroc()).isCloseTo(1.5 / 3, within(TOLERANCE));
        assertThat(BinaryClassificationMetrics.stratifiedAuroc(scores, positive, new int[] {1, 2, 3, 4, 5, 6}))
                .isNaN();
    }

    @Test
    void aurocMatchesPairCountingOnRandomTables() {
        Random random = new Random(3L);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(40);
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(6) / 5.0; // many ties
                positive[i] = random.nextBoolean();
            }
            double pairs = 0;
            double concordant = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (positive[i] && !positive[j]) {
                        pairs++;
                        concordant += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            double expected = pairs == 0 ? Double.NaN : concordant / pairs;
            double actual = BinaryClassificationMetrics.auroc(scores, positive);
            if (pairs == 0) {
                assertThat(actual).isNaN();
            } else {
                assertThat(actual).isCloseTo(expected, within(1e-12));
                // Flipping the scores mirrors the AUROC.
                double[] flipped = new double[n];
                for (int i = 0; i < n; i++) {
                    flipped[i] = -scores[i];
                }
                assertThat(BinaryClassificationMetrics.auroc(flipped, positive)).isCloseTo(1 - expected,
                        within(1e-12));
                assertThat(BinaryClassificationMetrics.averagePrecision(scores, positive)).isBetween(0.0, 1.0);
            }
        }
    }

    private static boolean[] labels(int[] labels) {
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == 1;
        }
        return positive;
    }
}
