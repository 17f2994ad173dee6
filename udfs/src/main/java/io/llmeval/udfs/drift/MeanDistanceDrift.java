package io.llmeval.udfs.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code mean_distance}: euclidean and cosine distance between the mean reference vector and the mean
 * current vector, judged against a bootstrap null distribution instead of a fixed cut-off (a fixed
 * distance means different things at 100 and at 500 rows).
 *
 * <p>Null: {@value #BOOTSTRAPS} times, a resample of the reference's size and a resample of the
 * window's size are both drawn with replacement from the reference, and the distance between their
 * means is recorded; that is the distance two same-sized samples of the reference distribution show by
 * chance. Drift when the observed euclidean distance exceeds the null's quantile at the threshold
 * probability (default 0.99; Evidently's {@code quantile_probability} is 0.95, which on the benchmark
 * gives 5% false alarms, and a verdict is given every window). Score: the share of null
 * distances below the observed one (one minus the bootstrap p-value). The reference-side means depend
 * only on the reference and are cached in it.
 */
final class MeanDistanceDrift {

    static final int BOOTSTRAPS = 200;
    private static final long REFERENCE_STREAM = 0x4D44524546L;
    private static final long CURRENT_STREAM = 0x4D44435552L;

    private MeanDistanceDrift() {
    }

    static DriftResult compute(EmbeddingReference reference, float[][] current, double quantile, long seed) {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("mean_distance threshold is a quantile probability in (0, 1), got "
                    + quantile);
        }
        int d = reference.dimension();
        int nRef = reference.size();
        int nCur = current.length;
        float[] ref = reference.rows();
        float[] cur = VectorMath.flatten(current, d, "current");
        double[] refMean = VectorMath.mean(ref, nRef, d);
        double[] curMean = VectorMath.mean(cur, nCur, d);
        double euclidean = VectorMath.euclidean(refMean, curMean);
        double cosine = VectorMath.cosineDistance(refMean, curMean);

        double[][] refMeans = reference.bootstrapMeans(BOOTSTRAPS, seed ^ REFERENCE_STREAM);
        SplittableRandom random = new SplittableRandom(seed ^ CURRENT_STREAM);
        double[] nullEuclidean = new double[BOOTSTRAPS];
        double[] nullCosine = new double[BOOTSTRAPS];
        int below = 0;
        for (int b = 0; b < BOOTSTRAPS; b++) {
            double[] resampled = VectorMath.bootstrapMean(ref, nRef, d, nCur, random);
            nullEuclidean[b] = VectorMath.euclidean(refMeans[b], resampled);
            nullCosine[b] = VectorMath.cosineDistance(refMeans[b], resampled);
            if (nullEuclidean[b] < euclidean) {
                below++;
            }
        }
        double threshold = quantile(nullEuclidean, quantile);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("euclidean", euclidean);
        values.put("cosine", cosine);
        values.put("euclidean_threshold", threshold);
        values.put("cosine_threshold", quantile(nullCosine, quantile));
        values.put("p_value", (1.0 + BOOTSTRAPS - below) / (BOOTSTRAPS + 1.0));
        values.put("quantile_probability", quantile);
        double score = (double) below / BOOTSTRAPS;
        return new DriftResult(DriftMethods.MEAN_DISTANCE_ID, score, euclidean, threshold, euclidean > threshold,
                values);
    }

    /** The order statistic at probability {@code q}: the {@code ceil(q * n)}-th smallest value. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
    }
}
