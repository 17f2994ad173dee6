package io.llmeval.udfs.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code mmd}: maximum mean discrepancy between reference and window with a Gaussian (RBF) kernel,
 * tested by permutation. MMD² is the distance between the two samples' mean embeddings in the kernel's
 * feature space; with a characteristic kernel it is zero only for identical distributions, so it sees
 * a new topic cluster, a changed topic mix and a change of spread alike.
 *
 * <ul>
 *   <li>Kernel {@code k(x, y) = exp(-|x - y|² / h)} with {@code h} the median squared distance over
 *       all pairs of the pooled sample (the median heuristic). The pooled median does not depend on
 *       which rows are labelled current, so the permutation test stays exact.</li>
 *   <li>Statistic: the unbiased estimator
 *       {@code MMD² = S_xx / (m(m-1)) + S_yy / (n(n-1)) - 2 S_xy / (mn)} (sums over distinct pairs).</li>
 *   <li>Null: {@value #PERMUTATIONS} seeded random relabellings of the pooled rows;
 *       {@code p = (1 + #{null >= observed}) / (1 + permutations)}. Drift when {@code p <= alpha} (the
 *       threshold, default 0.01), reported as {@code statistic > threshold} with the threshold the
 *       matching order statistic of the null. Score: {@code 1 - p}.</li>
 * </ul>
 *
 * <p>Speed: the pooled kernel matrix is computed once per window (the reference–reference distances
 * once per reference); a permutation then only re-sums. With the row sums {@code r_i} and the total
 * {@code T} of the kernel matrix, the three block sums follow from the sum over the smaller group
 * {@code A} alone: {@code S_AB = sum_A r_i - S_AA}, {@code S_BB = T - S_AA - 2 S_AB}, so one
 * permutation costs {@code |A|²} look-ups, not {@code (m + n)²}.
 */
final class MmdDrift {

    static final int PERMUTATIONS = 200;
    private static final long PERMUTATION_STREAM = 0x4D4D44L;

    private MmdDrift() {
    }

    static DriftResult compute(EmbeddingReference reference, float[][] current, double alpha, long seed) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("mmd threshold is a significance level in (0, 1), got " + alpha);
        }
        int d = reference.dimension();
        int nRef = reference.size();
        int nCur = current.length;
        if (nCur < 2) {
            throw new IllegalArgumentException("mmd needs at least 2 current vectors, got " + nCur);
        }
        int n = nRef + nCur;
        float[] cur = VectorMath.flatten(current, d, "current");
        double[] curNorms = VectorMath.squaredNorms(cur, nCur, d);

        // Pooled squared distances, reference rows first.
        float[] kernel = new float[n * n];
        float[] refRef = reference.pairwiseSquaredDistances();
        for (int i = 0; i < nRef; i++) {
            System.arraycopy(refRef, i * nRef, kernel, i * n, nRef);
        }
        VectorMath.crossDots(reference.rows(), reference.squaredNorms(), nRef, cur, curNorms, nCur, d,
                kernel, n, nRef);
        VectorMath.selfDots(cur, curNorms, nCur, d, kernel, n, nRef * n + nRef);
        for (int i = 0; i < nRef; i++) {
            for (int j = nRef; j < n; j++) {
                kernel[j * n + i] = kernel[i * n + j];
            }
        }

        float[] upper = new float[n * (n - 1) / 2];
        int u = 0;
        for (int i = 0; i < n; i++) {
            kernel[i * n + i] = 0;
            for (int j = i + 1; j < n; j++) {
                upper[u++] = kernel[i * n + j];
            }
        }
        double bandwidth = VectorMath.select(upper, upper.length / 2);
        if (!(bandwidth > 0)) {
            bandwidth = 1; // all pooled rows (nearly) identical: any bandwidth gives MMD² = 0
        }

        double[] rowSums = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int o = i * n;
            kernel[o + i] = 1;
            for (int j = i + 1; j < n; j++) {
                float k = (float) Math.exp(-kernel[o + j] / bandwidth);
                kernel[o + j] = k;
                kernel[j * n + i] = k;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * n;
            for (int j = 0; j < n; j++) {
                s += kernel[o + j];
            }
            rowSums[i] = s;
            total += s;
        }

        // Group A is the smaller side; its sum decides all three block sums.
        int a = Math.min(nRef, nCur);
        int[] group = new int[a];
        int firstOfA = nCur <= nRef ? nRef : 0;
        for (int i = 0; i < a; i++) {
            group[i] = firstOfA + i;
        }
        double observed = mmd2(kernel, n, group, rowSums, total);

        int[] pooled = new int[n];
        Arrays.setAll(pooled, i -> i);
        SplittableRandom random = new SplittableRandom(seed ^ PERMUTATION_STREAM);
        double[] nulls = new double[PERMUTATIONS];
        int atLeast = 0;
        for (int p = 0; p < PERMUTATIONS; p++) {
            partialShuffle(pooled, a, random);
            System.arraycopy(pooled, 0, group, 0, a);
            Arrays.sort(group);
            nulls[p] = mmd2(kernel, n, group, rowSums, total);
            if (nulls[p] >= observed) {
                atLeast++;
            }
        }
        double pValue = (1.0 + atLeast) / (1.0 + PERMUTATIONS);
        // p <= alpha  <=>  fewer than k nulls reach the observed value  <=>  observed > k-th largest null.
        int k = (int) Math.floor(alpha * (PERMUTATIONS + 1) + 1e-9);
        double threshold;
        if (k < 1) {
            threshold = Double.POSITIVE_INFINITY;
        } else {
            double[] sorted = nulls.clone();
            Arrays.sort(sorted);
            threshold = sorted[PERMUTATIONS - k];
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("mmd2", observed);
        values.put("p_value", pValue);
        values.put("alpha", alpha);
        values.put("bandwidth", bandwidth);
        values.put("permutations", (double) PERMUTATIONS);
        return new DriftResult(DriftMethods.MMD_ID, 1 - pValue, observed, threshold, observed > threshold, values);
    }

    /** Unbiased MMD² between the rows in {@code group} (sorted) and all others. */
    private static double mmd2(float[] kernel, int n, int[] group, double[] rowSums, double total) {
        int a = group.length;
        int b = n - a;
        double sumAA = 0;
        double rowSumA = 0;
        for (int gi : group) {
            int o = gi * n;
            float s = 0;
            for (int gj : group) {
                s += kernel[o + gj];
            }
            sumAA += s;
            rowSumA += rowSums[gi];
        }
        double sumAB = rowSumA - sumAA;
        double sumBB = total - sumAA - 2 * sumAB;
        // Diagonal terms are k(x, x) = 1; the unbiased estimator leaves them out.
        return (sumAA - a) / ((double) a * (a - 1))
                + (sumBB - b) / ((double) b * (b - 1))
                - 2 * sumAB / ((double) a * b);
    }

    /** Moves a uniform random subset of size {@code count} to the front (first steps of Fisher–Yates). */
    private static void partialShuffle(int[] values, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(values.length - i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
