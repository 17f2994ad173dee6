package io.llmeval.inference.model;

import java.util.Arrays;

/**
 * The element-wise steps of the forward pass (exact-erf GELU, row softmax, residual add + LayerNorm) on heap
 * {@code float[]} slices, written as plain counted loops without calls or branches so that HotSpot's C2 compiles
 * them to AVX vector instructions.
 *
 * <p>Why hand-written: ND4J 1.0.0-M2.1 computes {@code erf} and {@code exp} with scalar libm calls (12 and
 * 4 ns per element on the test machine; {@code erf} alone was 17 % of a forward pass), its fused {@code gelu}
 * ops are the sigmoid and tanh approximations (not the model's erf form), and each of its element-wise ops is one
 * more pass over the activations. The rational {@code erf} below is Eigen's/XLA's single-precision form (absolute
 * error under 7e-8 in exact arithmetic, under 5e-7 evaluated in float), {@code exp} is Cephes' {@code expf}
 * polynomial (relative error about 1e-7); both vectorize where {@code Math.exp} does not.
 *
 * <p>Every method is pure and deterministic: the same inputs give the same bits.
 */
final class FloatKernels {

    static final int HIDDEN = MiniLmConfig.HIDDEN;
    private static final float INV_SQRT_2 = (float) (1.0 / Math.sqrt(2.0));
    /** {@code 1.5 * 2^23}: adding and subtracting it rounds a float below 2^22 in magnitude to an integer. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final float LOG2_E = 1.44269504088896341f;
    /** {@code ln 2} split in a part exact in float and the rest (Cephes). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** {@code 127 - bits(ROUND_MAGIC)}: turns the bits of {@code k + ROUND_MAGIC} into the biased exponent of 2^k. */
    private static final int EXPONENT_BIAS_MINUS_MAGIC = 127 - Float.floatToRawIntBits(ROUND_MAGIC);
    /** Below this, {@code exp} is under 2^-126, the smallest normal float; softmax clamps its arguments here. */
    private static final float EXP_MIN_ARGUMENT = -87.3f;

    private FloatKernels() {}

    /** {@code erf(x)}, the formula {@link #geluInPlace} uses; for tests. */
    static float erf(float x) {
        return rationalErf(Math.max(Math.min(x, 4f), -4f));
    }

    /** Exact GELU as the ONNX export computes it, {@code x * (1 + erf(x / sqrt 2)) / 2}, in place for the first {@code n}. */
    static void geluInPlace(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            float erf = rationalErf(Math.max(Math.min(v * INV_SQRT_2, 4f), -4f));
            x[i] = v * (1f + erf) * 0.5f;
        }
    }

    /**
     * Eigen's {@code generic_fast_erf_float}: an odd rational function on {@code [-4, 4]} (erf is 1 in float
     * beyond), inlined by C2 into the calling loop.
     */
    private static float rationalErf(float x) {
        float x2 = x * x;
        float p = x2 * -2.72614225801306e-10f + 2.77068142495902e-08f;
        p = x2 * p + -2.10102402082508e-06f;
        p = x2 * p + -5.69250639462346e-05f;
        p = x2 * p + -7.34990630326855e-04f;
        p = x2 * p + -2.95459980854025e-03f;
        p = x2 * p + -1.60960333262415e-02f;
        p = x * p;
        float q = x2 * -1.45660718464996e-05f + -2.13374055278905e-04f;
        q = x2 * q + -1.68282697438203e-03f;
        q = x2 * q + -7.37332916720468e-03f;
        q = x2 * q + -1.42647390514189e-02f;
        return p / q;
    }

    /**
     * Softmax of each of {@code rows} rows of {@code length} floats, {@code s[0, rows * length)}, in place:
     * {@code exp(x - max) / sum}, as the export computes it. {@code work} holds at least {@code rows * length}
     * floats.
     *
     * <p>Laid out for C2: a loop vectorizes only when all its arrays are indexed by the same variable from the same
     * base, and pays off only over many elements, so the per-row values (max, sum) are first spread over
     * {@code work} with {@link Arrays#fill} (an intrinsic) and the arithmetic runs once over the whole block.
     */
    static void softmaxRows(float[] s, int rows, int length, float[] work) {
        int n = rows * length;
        for (int r = 0, start = 0; r < rows; r++, start += length) {
            Arrays.fill(work, start, start + length, max(s, start, start + length));
        }
        // exp(x) = p(t) * 2^k with k = round(x log2 e) and t = x - k ln 2 (Cephes' expf): the polynomial first...
        for (int i = 0; i < n; i++) {
            float x = Math.max(s[i] - work[i], EXP_MIN_ARGUMENT);
            float shifted = x * LOG2_E + ROUND_MAGIC;
            float k = shifted - ROUND_MAGIC;
            float t = x - k * LN2_HI - k * LN2_LO;
            float p = 1.9875691500e-4f;
            p = p * t + 1.3981999507e-3f;
            p = p * t + 8.3334519073e-3f;
            p = p * t + 4.1665795894e-2f;
            p = p * t + 1.6666665459e-1f;
            p = p * t + 5.0000001201e-1f;
            s[i] = p * t * t + t + 1f;
            work[i] = shifted;
        }
        // ...then 2^k, built from k's bits, which sit at the bottom of the shifted float's mantissa (scalar in C2)
        for (int i = 0; i < n; i++) {
            s[i] = s[i] * Float.intBitsToFloat((Float.floatToRawIntBits(work[i]) + EXPONENT_BIAS_MINUS_MAGIC) << 23);
        }
        for (int r = 0, start = 0; r < rows; r++, start += length) {
            Arrays.fill(work, start, start + length, (float) sum(s, start, start + length));
        }
        for (int i = 0; i < n; i++) {
            s[i] = s[i] / work[i];
        }
    }

    /**
     * {@code x = LayerNorm(x + residual) * gain + bias} for one row of {@value #HIDDEN} floats, in place, with the
     * export's population variance and epsilon ({@code (v - mean) / sqrt(var + eps)}); sums in double.
     */
    static void addLayerNormRow(float[] x, float[] residual, float[] gain, float[] bias, float epsilon) {
        for (int i = 0; i < HIDDEN; i++) {
            x[i] = x[i] + residual[i];
        }
        float mean = (float) (sum(x) / HIDDEN);
        for (int i = 0; i < HIDDEN; i++) {
            x[i] = x[i] - mean;
        }
        float variance = (float) (sumOfSquares(x) / HIDDEN);
        float std = (float) Math.sqrt(variance + epsilon);
        for (int i = 0; i < HIDDEN; i++) {
            x[i] = x[i] / std * gain[i] + bias[i];
        }
    }

    /** Four independent partial sums: the additions overlap instead of waiting on each other. */
    private static double sum(float[] x) {
        return sum(x, 0, HIDDEN);
    }

    private static double sum(float[] x, int from, int to) {
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            a += x[i];
            b += x[i + 1];
            c += x[i + 2];
            d += x[i + 3];
        }
        for (; i < to; i++) {
            a += x[i];
        }
        return (a + b) + (c + d);
    }

    /** The largest of {@code x[from, to)} (no NaN in attention scores), four comparisons in flight. */
    private static float max(float[] x, int from, int to) {
        float a = Float.NEGATIVE_INFINITY;
        float b = a;
        float c = a;
        float d = a;
        int i = from;
        for (; i + 3 < to; i += 4) {
            a = x[i] > a ? x[i] : a;
            b = x[i + 1] > b ? x[i + 1] : b;
            c = x[i + 2] > c ? x[i + 2] : c;
            d = x[i + 3] > d ? x[i + 3] : d;
        }
        for (; i < to; i++) {
            a = x[i] > a ? x[i] : a;
        }
        return Math.max(Math.max(a, b), Math.max(c, d));
    }

    private static double sumOfSquares(float[] x) {
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        for (int i = 0; i < HIDDEN; i += 4) {
            a += x[i] * x[i];
            b += x[i + 1] * x[i + 1];
            c += x[i + 2] * x[i + 2];
            d += x[i + 3] * x[i + 3];
        }
        return (a + b) + (c + d);
    }
}
