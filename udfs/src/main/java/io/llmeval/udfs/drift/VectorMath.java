package io.llmeval.udfs.drift;

import java.util.SplittableRandom;

/**
 * Plain-Java kernels for the drift methods, on row-major {@code float[]} matrices ({@code n * d}).
 *
 * <p>Design note, ND4J: at window close the work is a few hundred million multiply-adds on matrices of
 * 1,500 x 384 floats by default (the reference subsample plus one window's sample). Plain loops with
 * eight independent accumulators do about 3 G multiply-adds per second on one core, so the largest job,
 * mmd's kernel matrix, takes about 0.1 s (see docs/drift.md); an ND4J call would add an off-heap copy of both matrices, a native-library dependency in the
 * statistics module, and for a GPU a host-device transfer that is larger than the compute. ND4J pays
 * off where the matrices are large and already on the device: the embedding model operator, which
 * produces the vectors, and an offline re-run over a whole day of embeddings against a large reference,
 * where the Gram matrices grow quadratically. The kernels here take plain arrays so such a backend can
 * replace {@link #crossDots} and {@link #selfDots} without touching the statistics.
 */
final class VectorMath {

    private VectorMath() {
    }

    /** Copies the rows into one row-major array, checking that they all have {@code d} finite values. */
    static float[] flatten(float[][] rows, int d, String what) {
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException(String.format(
                        "%s row %d has %s values, expected %d", what, i, row == null ? "null" : row.length, d));
            }
            for (int k = 0; k < d; k++) {
                if (!Float.isFinite(row[k])) {
                    throw new IllegalArgumentException(String.format(
                            "%s row %d has a non-finite value at %d: %s", what, i, k, row[k]));
                }
                flat[i * d + k] = row[k];
            }
        }
        return flat;
    }

    /** Dot product of {@code a[ao..ao+d)} and {@code b[bo..bo+d)}, eight float accumulators summed in double. */
    static double dot(float[] a, int ao, float[] b, int bo, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int k = 0;
        for (; k + 8 <= d; k += 8) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
            s4 += a[ao + k + 4] * b[bo + k + 4];
            s5 += a[ao + k + 5] * b[bo + k + 5];
            s6 += a[ao + k + 6] * b[bo + k + 6];
            s7 += a[ao + k + 7] * b[bo + k + 7];
        }
        double sum = ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
        for (; k < d; k++) {
            sum += a[ao + k] * b[bo + k];
        }
        return sum;
    }

    /** Squared norms of the {@code n} rows of {@code x}. */
    static double[] squaredNorms(float[] x, int n, int d) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = dot(x, i * d, x, i * d, d);
        }
        return norms;
    }

    /**
     * Squared euclidean distances between every row of {@code a} ({@code na} rows) and every row of
     * {@code b} ({@code nb} rows), written to {@code out[i * stride + offset + j]}; blocked over rows
     * of {@code b} so each block stays in cache while {@code a} streams past.
     */
    static void crossDots(float[] a, double[] aNorms, int na, float[] b, double[] bNorms, int nb, int d,
                          float[] out, int stride, int offset) {
        final int block = 64;
        for (int j0 = 0; j0 < nb; j0 += block) {
            int j1 = Math.min(nb, j0 + block);
            for (int i = 0; i < na; i++) {
                int ao = i * d;
                int row = i * stride + offset;
                for (int j = j0; j < j1; j++) {
                    double d2 = aNorms[i] + bNorms[j] - 2 * dot(a, ao, b, j * d, d);
                    out[row + j] = (float) Math.max(0, d2);
                }
            }
        }
    }

    /**
     * Squared euclidean distances between all rows of {@code a}, written to
     * {@code out[i * stride + offset + j]}; each pair is computed once and mirrored.
     */
    static void selfDots(float[] a, double[] aNorms, int na, int d, float[] out, int stride, int offset) {
        for (int i = 0; i < na; i++) {
            int ao = i * d;
            out[i * stride + offset + i] = 0;
            for (int j = i + 1; j < na; j++) {
                float d2 = (float) Math.max(0, aNorms[i] + aNorms[j] - 2 * dot(a, ao, a, j * d, d));
                out[i * stride + offset + j] = d2;
                out[j * stride + offset + i] = d2;
            }
        }
    }

    /** Column means of the {@code n} rows of {@code x}. */
    static double[] mean(float[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                mean[k] += x[o + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        return mean;
    }

    static double euclidean(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double diff = a[k] - b[k];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    /** {@code 1 - cos(a, b)}; 0 when either vector is zero. */
    static double cosineDistance(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return aa == 0 || bb == 0 ? 0 : 1 - ab / Math.sqrt(aa * bb);
    }

    /** Mean of {@code size} rows of {@code x} drawn with replacement. */
    static double[] bootstrapMean(float[] x, int n, int d, int size, SplittableRandom random) {
        double[] mean = new double[d];
        for (int s = 0; s < size; s++) {
            int o = random.nextInt(n) * d;
            for (int k = 0; k < d; k++) {
                mean[k] += x[o + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= size;
        }
        return mean;
    }

    /** In-place Fisher–Yates shuffle. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The {@code k}-th smallest value (0-based) of {@code values}, which it reorders (Hoare quickselect). */
    static float select(float[] values, int k) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            float pivot = median3(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static float median3(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * 1-Wasserstein distance between the empirical distributions of two sorted samples:
     * the area between their CDFs.
     */
    static double wasserstein1(float[] a, int na, float[] b, int nb) {
        return wasserstein1(widen(a, na), widen(b, nb));
    }

    private static double[] widen(float[] values, int n) {
        double[] wide = new double[n];
        for (int i = 0; i < n; i++) {
            wide[i] = values[i];
        }
        return wide;
    }

    /** The same for sorted doubles: one implementation of the CDF walk serves both. */
    static double wasserstein1(double[] a, double[] b) {
        int na = a.length;
        int nb = b.length;
        int i = 0;
        int j = 0;
        double area = 0;
        double previous = Math.min(a[0], b[0]);
        while (i < na || j < nb) {
            double x = j >= nb || (i < na && a[i] <= b[j]) ? a[i] : b[j];
            area += Math.abs((double) i / na - (double) j / nb) * (x - previous);
            previous = x;
            while (i < na && a[i] == x) {
                i++;
            }
            while (j < nb && b[j] == x) {
                j++;
            }
        }
        return area;
    }

    /** Population standard deviation (ddof 0, as numpy's default that Evidently uses). */
    static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / values.length);
    }
}
