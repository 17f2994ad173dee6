package io.llmeval.udfs.drift;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The numeric building blocks on tiny hand-made samples; expected values worked out by hand. */
class DriftStatisticsTest {

    private static final double TOLERANCE = 1e-6;

    private static double[] doubles(String values) {
        return Arrays.stream(values.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Rows separated by ';', values by spaces: "0 0; 1 1" is two 2-d vectors. */
    private static float[][] rows(String rows) {
        return Arrays.stream(rows.split(";")).map(row -> {
            double[] v = doubles(row);
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return f;
        }).toArray(float[][]::new);
    }

    @ParameterizedTest(name = "W1({0}, {1}) = {2}")
    @CsvSource({
            "0 1 3,   5 6 8,   5.0",        // every point moves by 5
            "0 1,     0 1,     0.0",
            "0,       1 2,     1.5",        // half the mass moves 1, half moves 2
            "1 2 3,   2,       0.6666667",  // (1 + 0 + 1) / 3
            "0 0 1 1, 0 1,     0.0",        // same distribution, different counts
            "0 10,    5,       5.0",
    })
    void wassersteinDistance(String a, String b, double expected) {
        assertThat(VectorMath.wasserstein1(doubles(a), doubles(b))).isCloseTo(expected, within(TOLERANCE));
        assertThat(VectorMath.wasserstein1(doubles(b), doubles(a))).isCloseTo(expected, within(TOLERANCE));
    }

    @ParameterizedTest(name = "quantile {1} of {0} = {2}")
    @CsvSource({
            "5 1 4 2 3, 0.5,  3",
            "5 1 4 2 3, 0.95, 5",
            "5 1 4 2 3, 0.2,  1",
            "5 1 4 2 3, 0.21, 2",
    })
    void orderStatisticQuantile(String values, double q, double expected) {
        assertThat(MeanDistanceDrift.quantile(doubles(values), q)).isEqualTo(expected);
    }

    /**
     * 1-d samples. Bandwidth h = the median pooled squared distance; k = exp(-d² / h).
     * {0,1} vs {0,1}: d² ∈ {0,0,1,1,1,1}, h = 1, MMD² = k(1) - 1 = e^-1 - 1.
     * {0,1} vs {2,3}: d² ∈ {1,1,1,4,4,9}, h = 4, MMD² = 2 e^-0.25 - (2 e^-1 + e^-2.25 + e^-0.25) / 2.
     */
    @ParameterizedTest(name = "MMD²({0} | {1}) = {2}")
    @CsvSource({
            "0; 1, 0; 1, -0.6321206, 1",
            "0; 1, 2; 3,  0.7476222, 4",
    })
    void mmdStatisticAndBandwidth(String reference, String current, double mmd2, double bandwidth) {
        DriftResult result = MmdDrift.compute(EmbeddingReference.of(rows(reference)), rows(current), 0.05, 1);

        assertThat(result.statistic()).isCloseTo(mmd2, within(TOLERANCE));
        assertThat(result.value("bandwidth")).isCloseTo(bandwidth, within(TOLERANCE));
        assertThat(result.value("p_value")).isBetween(1 / 201.0, 1.0);
        assertThat(result.score()).isCloseTo(1 - result.value("p_value"), within(TOLERANCE));
    }

    /**
     * Reference columns {0,1,2,3} (sd sqrt(1.25)). Moving column 2 to {3,3,3,3}: W1 = 1.5, normalised
     * 1.3416408, so 1 of 2 components drifted. A 0.1 shift of column 1: 0.1 / 1.118 = 0.089 < 0.1.
     */
    @ParameterizedTest(name = "share({1}) = {2}")
    @CsvSource({
            "0 0; 1 1; 2 2; 3 3, 0 0; 1 1; 2 2; 3 3,         0.0, 0.0,       false",
            "0 0; 1 1; 2 2; 3 3, 0 3; 1 3; 2 3; 3 3,         0.5, 1.3416408, true",
            "0 0; 1 1; 2 2; 3 3, 0.1 0; 1.1 1; 2.1 2; 3.1 3, 0.0, 0.0894427, false",
    })
    void componentShare(String reference, String current, double share, double maxDistance, boolean drift) {
        DriftResult result = ComponentShareDrift.compute(EmbeddingReference.of(rows(reference)), rows(current), 0.2, 1);

        assertThat(result.statistic()).isCloseTo(share, within(TOLERANCE));
        assertThat(result.score()).isCloseTo(share, within(TOLERANCE));
        assertThat(result.value("max_wasserstein_norm")).isCloseTo(maxDistance, within(TOLERANCE));
        assertThat(result.driftDetected()).isEqualTo(drift);
    }

    /** Means (0.5, 0.5) and (1, 0): euclidean sqrt(0.5), cosine 1 - 0.5 / sqrt(0.5). */
    @ParameterizedTest(name = "mean distance({1})")
    @CsvSource({
            "1 0; 1 0; 0 1; 0 1, 1 0; 1 0,           0.7071068, 0.2928932",
            "1 0; 1 0; 0 1; 0 1, 1 0; 0 1; 0 1; 1 0, 0.0,       0.0",
    })
    void meanDistance(String reference, String current, double euclidean, double cosine) {
        DriftResult result = MeanDistanceDrift.compute(EmbeddingReference.of(rows(reference)), rows(current), 0.95, 1);

        assertThat(result.statistic()).isCloseTo(euclidean, within(TOLERANCE));
        assertThat(result.value("euclidean")).isCloseTo(euclidean, within(TOLERANCE));
        assertThat(result.value("cosine")).isCloseTo(cosine, within(TOLERANCE));
    }

    /**
     * Reference 1..10 (sd 2.8722813). The same values: nothing moves. 11..20: everything moves by 10
     * (W1 / sd = 3.4815531, D = 1). 2..11: W1 / sd = 0.3481553 passes the distance gate but D = 0.1 is
     * no evidence on 10 values, so no drift.
     */
    @ParameterizedTest(name = "scalar drift of {0}")
    @CsvSource({
            "1 2 3 4 5 6 7 8 9 10,           0.0,       0.0, false",
            "11 12 13 14 15 16 17 18 19 20,  3.4815531, 1.0, true",
            "2 3 4 5 6 7 8 9 10 11,          0.3481553, 0.1, false",
    })
    void scalarDrift(String current, double wassersteinNorm, double ks, boolean drift) {
        ScalarDrift scalar = ScalarDrift.builder().reference(doubles("1 2 3 4 5 6 7 8 9 10")).minSamples(2).build();
        ScalarDriftResult result = scalar.detect(doubles(current));

        assertThat(result.status()).isEqualTo(DriftStatus.OK);
        assertThat(result.wassersteinNorm()).isCloseTo(wassersteinNorm, within(TOLERANCE));
        assertThat(result.ksStatistic()).isCloseTo(ks, within(TOLERANCE));
        assertThat(result.driftDetected()).isEqualTo(drift);
        assertThat(result.driftScore()).isCloseTo(Math.min(1, wassersteinNorm), within(TOLERANCE));
    }

    @ParameterizedTest(name = "select k={1} of {0}")
    @CsvSource({
            "3 1 2,         1, 2",
            "5 5 5 5,       2, 5",
            "9 8 7 6 5 4 3, 0, 3",
            "9 8 7 6 5 4 3, 6, 9",
            "1 4 1 4 2,     2, 2",
    })
    void quickselect(String values, int k, float expected) {
        double[] v = doubles(values);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        assertThat(VectorMath.select(f, k)).isEqualTo(expected);
    }
}
