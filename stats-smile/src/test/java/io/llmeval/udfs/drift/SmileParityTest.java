package io.llmeval.udfs.drift;

import io.llmeval.stats.smile.SmileKsTest;
import io.llmeval.stats.smile.SmileLogisticFit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The drift statistics' default implementations (Apache Commons Statistics' KS test, the project's logistic
 * regression) against Smile's, which the job used before: small hand-made tables with fixed tolerances, as
 * Evidently's stattests tests do, then job-sized samples through {@link ScalarDrift} and
 * {@code domain_classifier}. The tolerances are those of docs/drift.md ("Implementations and licences").
 */
class SmileParityTest {

    /** KS p-values: exact (default) against asymptotic with Stephens' correction (Smile). */
    private static final double KS_P_TOLERANCE_SMALL = 0.03;
    private static final double KS_P_TOLERANCE_JOB_SIZED = 0.015;
    /** Fitted probabilities: Newton to convergence (default) against L-BFGS stopped at gradient tolerance 1e-4. */
    private static final double PROBABILITY_TOLERANCE = 1e-3;
    private static final double AUC_TOLERANCE = 0.005;

    private static final TwoSampleKsTest DEFAULT_KS = TwoSampleKsTest.standard();
    private static final TwoSampleKsTest SMILE_KS = new SmileKsTest();
    private static final LogisticFit DEFAULT_FIT = LogisticFit.standard();
    private static final LogisticFit SMILE_FIT = new SmileLogisticFit();

    private static double[] doubles(String values) {
        return Arrays.stream(values.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "KS({0} | {1}): D = {2}")
    @CsvSource(delimiter = ';', value = {
            "1 2 3 4 5 6 7 8 9 10; 11 12 13 14 15 16 17 18 19 20; 1.0",
            "1 2 3 4 5 6 7 8; 2 3 4 5 6 7 8 9; 0.125",
            "1 1 2 2 3 3 4 4; 1 2 2 3 3 3 4 4; 0.125",                  // ties step both samples together
            "0 0 0 1 1 1 2 2 2 3; 1 1 2 2 2 3 3 3 4 4 4 5; 0.4833333",       // discrete, unequal sizes
            "0.61 0.29 0.06 0.59 -1.73 -0.74 0.51 -0.56 0.39 1.64 0.05 -0.06 0.64 -0.82 0.37;"
                    + " 2.2 1.66 1.38 0.2 0.36 0 0.96 1.56 0.44 1.5 -0.3 0.66 2.31 3.29 -0.27; 0.5333333",
    })
    void ksOnHandMadeTables(String a, String b, double d) {
        double[] x = doubles(a);
        double[] y = doubles(b);
        TwoSampleKsTest.Result standard = DEFAULT_KS.test(x, y);
        TwoSampleKsTest.Result smile = SMILE_KS.test(x, y);

        assertThat(standard.statistic()).isCloseTo(d, within(1e-6));
        assertThat(smile.statistic()).isCloseTo(d, within(1e-6));
        assertThat(standard.pValue()).isCloseTo(smile.pValue(), within(KS_P_TOLERANCE_SMALL));
        assertThat(x).as("arguments untouched").isEqualTo(doubles(a));
    }

    /** Token counts as the job sees them (log-normal, rounded, so with ties), windows of 50 to 500. */
    @ParameterizedTest(name = "length drift, windows of {0}, scale {1}")
    @CsvSource({"50, 1.0", "50, 1.3", "100, 1.0", "100, 1.2", "500, 1.0", "500, 1.1", "500, 1.2"})
    void scalarDriftGivesTheSameVerdicts(int window, double scale) {
        SplittableRandom random = new SplittableRandom(7);
        double[] reference = tokens(2000, 1.0, random);
        ScalarDrift standard = ScalarDrift.builder().reference(reference).build();
        ScalarDrift smile = ScalarDrift.builder().reference(reference).ksTest(SMILE_KS).build();
        double largest = 0;
        int differentVerdicts = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] current = tokens(window, scale, random);
            ScalarDriftResult a = standard.detect(current);
            ScalarDriftResult b = smile.detect(current);

            assertThat(a.ksStatistic()).isCloseTo(b.ksStatistic(), within(1e-12));
            assertThat(a.ksPValue()).isCloseTo(b.ksPValue(), within(KS_P_TOLERANCE_JOB_SIZED));
            if (Math.abs(b.ksPValue() - ScalarDrift.DEFAULT_ALPHA) > KS_P_TOLERANCE_JOB_SIZED / 2) {
                assertThat(a.driftDetected()).as("verdict, trial %d", trial).isEqualTo(b.driftDetected());
            }
            largest = Math.max(largest, Math.abs(a.ksPValue() - b.ksPValue()));
            differentVerdicts += a.driftDetected() == b.driftDetected() ? 0 : 1;
        }
        System.out.printf(Locale.ROOT, "length drift, windows of %d, scale %.2f: largest |dp| %.4f, %d of 200 "
                + "verdicts differ%n", window, scale, largest, differentVerdicts);
    }

    /** Two overlapping classes in the plane; ridge 1 on the sum of the log-losses. */
    @Test
    void logisticRegressionOnAHandMadeTable() {
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 2}, {2, 3}, {0, 2}};
        boolean[] y = {false, false, false, true, false, true, true, true, true, false};
        ToDoubleFunction<double[]> logit = DEFAULT_FIT.fit(x, y, 1.0);
        ToDoubleFunction<double[]> probability = SMILE_FIT.fit(x, y, 1.0);
        for (double[] row : x) {
            double p = 1 / (1 + Math.exp(-logit.applyAsDouble(row)));
            assertThat(p).isCloseTo(probability.applyAsDouble(row), within(PROBABILITY_TOLERANCE));
        }
    }

    /** domain_classifier's cross-validated AUC on synthetic embeddings, with and without drift. */
    @ParameterizedTest(name = "domain_classifier, windows of {0}, shift {1}")
    @CsvSource({"100, 0.0", "100, 0.2", "500, 0.0", "500, 0.1"})
    void domainClassifierGivesTheSameAuc(int window, double shift) {
        SyntheticEmbeddings mixture = new SyntheticEmbeddings(384, 12, 42);
        EmbeddingReference reference = EmbeddingReference.of(mixture.sample(1000, new SplittableRandom(1)));
        double largest = 0;
        for (int trial = 0; trial < 3; trial++) {
            SplittableRandom random = new SplittableRandom(100 + trial);
            float[][] current = mixture.sample(window, shift, mixture.newCentre(random), random);
            DriftResult standard = DomainClassifierDrift.compute(reference, current, 0.55, trial, DEFAULT_FIT);
            DriftResult smile = DomainClassifierDrift.compute(reference, current, 0.55, trial, SMILE_FIT);

            assertThat(standard.statistic()).isCloseTo(smile.statistic(), within(AUC_TOLERANCE));
            assertThat(standard.driftDetected()).isEqualTo(smile.driftDetected());
            largest = Math.max(largest, Math.abs(standard.statistic() - smile.statistic()));
        }
        System.out.printf(Locale.ROOT, "domain_classifier, windows of %d, shift %.2f: largest |dAUC| %.1e%n",
                window, shift, largest);
    }

    private static double[] tokens(int n, double scale, SplittableRandom random) {
        double[] tokens = new double[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = Math.max(1, Math.round(scale * Math.exp(Math.log(120) + 0.6 * SyntheticEmbeddings.gaussian(random))));
        }
        return tokens;
    }
}
