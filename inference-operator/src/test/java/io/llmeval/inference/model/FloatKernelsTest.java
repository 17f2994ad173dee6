package io.llmeval.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectorized element-wise kernels against double-precision references (commons-math's erf, plain
 * softmax and LayerNorm in double), over ranges and lengths that exercise C2's vector loops and their scalar tails.
 */
class FloatKernelsTest {

    private static final int H = MiniLmConfig.HIDDEN;

    @Test
    void erfIsWithinHalfAMillionthEverywhere() {
        double worst = 0;
        for (int i = -800_000; i <= 800_000; i++) {
            float x = i / 100_000f;
            worst = Math.max(worst, Math.abs(FloatKernels.erf(x) - Erf.erf(x)));
        }
        assertThat(worst).isLessThan(5e-7);
        assertThat(FloatKernels.erf(0f)).isZero();
        assertThat(FloatKernels.erf(-1e30f)).isEqualTo(-1f);
        assertThat(FloatKernels.erf(1e30f)).isEqualTo(1f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 63, 1536, 16 * 1024})
    void geluMatchesTheErfFormulaInDouble(int n) {
        SplittableRandom random = new SplittableRandom(n);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextDouble(-12, 12);
        }
        float[] y = x.clone();
        FloatKernels.geluInPlace(y, n);
        for (int i = 0; i < n; i++) {
            double expected = x[i] * (1 + Erf.erf(x[i] / Math.sqrt(2))) / 2;
            assertThat(Math.abs(y[i] - expected)).as("gelu(%s)", x[i]).isLessThan(3e-7 * Math.max(1, Math.abs(x[i])));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 14, 50, 129, 256, 512})
    void softmaxRowsMatchDoublePrecisionAndSumToOne(int length) {
        SplittableRandom random = new SplittableRandom(length);
        int rows = 12;
        float[] s = new float[rows * length];
        for (int i = 0; i < s.length; i++) {
            // attention scores, plus some rows with a wide range (underflowing terms) or a large offset
            double scale = i / length % 3 == 0 ? 60 : 8;
            s[i] = (float) (random.nextDouble(-scale, scale) + (i / length % 4 == 1 ? 1000 : 0));
        }
        float[] out = s.clone();
        FloatKernels.softmaxRows(out, rows, length, new float[s.length]);
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < length; k++) {
                max = Math.max(max, s[r * length + k]);
            }
            double sum = 0;
            for (int k = 0; k < length; k++) {
                sum += Math.exp(s[r * length + k] - max);
            }
            double total = 0;
            for (int k = 0; k < length; k++) {
                double expected = Math.exp(s[r * length + k] - max) / sum;
                float actual = out[r * length + k];
                assertThat(Math.abs(actual - expected)).as("row %d col %d", r, k).isLessThan(5e-7 * Math.max(expected, 1e-3));
                total += actual;
            }
            assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void addLayerNormRowMatchesDoublePrecision() {
        SplittableRandom random = new SplittableRandom(7);
        float[] gain = new float[H];
        float[] bias = new float[H];
        for (int i = 0; i < H; i++) {
            gain[i] = (float) random.nextDouble(0.5, 1.5);
            bias[i] = (float) random.nextDouble(-0.2, 0.2);
        }
        for (double[] meanAndSpread : new double[][] {{0, 1}, {3, 0.1}, {-40, 25}}) {
            float[] x = new float[H];
            float[] residual = new float[H];
            for (int i = 0; i < H; i++) {
                x[i] = (float) (meanAndSpread[0] + random.nextGaussian() * meanAndSpread[1]);
                residual[i] = (float) (random.nextGaussian() * meanAndSpread[1]);
            }
            float[] y = x.clone();
            FloatKernels.addLayerNormRow(y, residual, gain, bias, MiniLmConfig.LAYER_NORM_EPS);
            double mean = 0;
            for (int i = 0; i < H; i++) {
                mean += (double) (x[i] + residual[i]);
            }
            mean /= H;
            double variance = 0;
            for (int i = 0; i < H; i++) {
                variance += Math.pow((double) (x[i] + residual[i]) - mean, 2);
            }
            double std = Math.sqrt(variance / H + MiniLmConfig.LAYER_NORM_EPS);
            for (int i = 0; i < H; i++) {
                double expected = ((double) (x[i] + residual[i]) - mean) / std * gain[i] + bias[i];
                assertThat(Math.abs(y[i] - expected)).as("element %d", i).isLessThan(2e-6);
            }
        }
    }

    @Test
    void kernelsAreDeterministic() {
        float[] a = new float[12 * 50 * 50];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-10, 10);
        }
        float[] b = a.clone();
        FloatKernels.softmaxRows(a, 12 * 50, 50, new float[a.length]);
        FloatKernels.softmaxRows(b, 12 * 50, 50, new float[b.length]);
        assertThat(a).containsExactly(b);
    }
}
