package io.llmeval.udfs.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code component_share}: the share of embedding components (dimensions) whose distribution moved,
 * Evidently's embedding "ratio" method with its defaults. A component drifts when the 1-Wasserstein
 * distance between its reference and current values, divided by the reference's standard deviation
 * (population, floored at 0.001 as in Evidently's {@code wasserstein_distance_norm}), is at least
 * {@value #COMPONENT_THRESHOLD}; the window drifts when the share of drifted components exceeds the
 * threshold (default 0.2). Score: the share itself.
 *
 * <p>No p-value and no calibration to sample size: the normalised distance of two samples from one
 * distribution shrinks like {@code 1/sqrt(n)}, so on small windows (100 rows per 384 components) noise
 * alone passes the 0.1 component threshold; the benchmark in docs/drift.md shows how often.
 */
final class ComponentShareDrift {

    static final double COMPONENT_THRESHOLD = 0.1;
    private static final double MIN_STD = 0.001;

    private ComponentShareDrift() {
    }

    static DriftResult compute(EmbeddingReference reference, float[][] current, double threshold, long seed) {
        int d = reference.dimension();
        int nRef = reference.size();
        int nCur = current.length;
        float[] cur = VectorMath.flatten(current, d, "current");
        float[][] refColumns = reference.sortedColumns();
        double[] refStd = reference.columnStd();
        float[] column = new float[nCur];
        int drifted = 0;
        double distanceSum = 0;
        double distanceMax = 0;
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < nCur; i++) {
                column[i] = cur[i * d + k];
            }
            Arrays.sort(column);
            double distance = VectorMath.wasserstein1(refColumns[k], nRef, column, nCur)
                    / Math.max(refStd[k], MIN_STD);
            distanceSum += distance;
            distanceMax = Math.max(distanceMax, distance);
            if (distance >= COMPONENT_THRESHOLD) {
                drifted++;
            }
        }
        double share = (double) drifted / d;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("drifted_share", share);
        values.put("drifted_components", (double) drifted);
        values.put("component_threshold", COMPONENT_THRESHOLD);
        values.put("mean_wasserstein_norm", distanceSum / d);
        values.put("max_wasserstein_norm", distanceMax);
        return new DriftResult(DriftMethods.COMPONENT_SHARE_ID, share, share, threshold, share > threshold, values);
    }
}
