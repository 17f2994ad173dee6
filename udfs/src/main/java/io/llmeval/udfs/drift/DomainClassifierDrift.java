package io.llmeval.udfs.drift;

import io.llmeval.udfs.eval.BinaryClassificationMetrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * {@code domain_classifier}: how well a classifier tells the window's vectors from the reference's,
 * as cross-validated ROC AUC. Identical distributions give an AUC near 0.5 (slightly below, since an
 * over-fitted model scores held-out rows worse than chance); a window whose vectors partly lie where
 * the reference has none gives {@code 0.5 + share / 2} or more. Drift when AUC exceeds the threshold,
 * 0.55 by default, Evidently's default for its embedding "model" method.
 *
 * <p>Model: L2-regularised logistic regression ({@link LogisticFit#standard()}: the project's
 * {@code eval.LogisticRegression}, Newton steps solved by conjugate gradients at this width) on features
 * standardised with the training fold's mean and deviation, ridge {@value #LAMBDA} on the sum of the
 * log-losses. A linear model is what the task needs: a new topic is a new direction in embedding space.
 * Scores are the fitted logits; AUC is {@link BinaryClassificationMetrics#auroc}.
 *
 * <p>Folds: {@value #FOLDS}-fold, stratified (each class shuffled with the seed, dealt round-robin), AUC
 * averaged over the folds. Score: {@code clip((AUC - 0.5) / 0.5, 0, 1)}.
 */
final class DomainClassifierDrift {

    static final int FOLDS = 2;
    /** Ridge strength on standardised features (sum-of-losses objective), chosen on the synthetic benchmark. */
    static final double LAMBDA = 50.0;

    private DomainClassifierDrift() {
    }

    static DriftResult compute(EmbeddingReference reference, float[][] current, double threshold, long seed) {
        return compute(reference, current, threshold, seed, LogisticFit.standard());
    }

    /** The statistic with another implementation of the logistic regression (parity tests). */
    static DriftResult compute(EmbeddingReference reference, float[][] current, double threshold, long seed,
                               LogisticFit logisticFit) {
        int d = reference.dimension();
        int nRef = reference.size();
        int nCur = current.length;
        if (nCur < FOLDS || nRef < FOLDS) {
            throw new IllegalArgumentException(String.format(
                    "domain_classifier needs at least %d rows on each side, got %d reference and %d current",
                    FOLDS, nRef, nCur));
        }
        float[] cur = VectorMath.flatten(current, d, "current");
        int n = nRef + nCur;
        float[] ref = reference.rows();
        boolean[] labels = new boolean[n];
        Arrays.fill(labels, nRef, n, true);

        int[] fold = stratifiedFolds(nRef, nCur, FOLDS, new SplittableRandom(seed ^ 0x44434C53L));
        double aucSum = 0;
        int folds = 0;
        for (int f = 0; f < FOLDS; f++) {
            int trainSize = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    trainSize++;
                }
            }
            // Standardise with the training fold's statistics only.
            double[] mean = new double[d];
            double[] sd = new double[d];
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    float[] src = i < nRef ? ref : cur;
                    int o = (i < nRef ? i : i - nRef) * d;
                    for (int k = 0; k < d; k++) {
                        double v = src[o + k];
                        mean[k] += v;
                        sd[k] += v * v;
                    }
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= trainSize;
                sd[k] = Math.sqrt(Math.max(sd[k] / trainSize - mean[k] * mean[k], 0)) + 1e-9;
            }
            double[][] trainX = new double[trainSize][];
            boolean[] trainY = new boolean[trainSize];
            double[][] testX = new double[n - trainSize][];
            boolean[] testY = new boolean[n - trainSize];
            int tr = 0;
            int te = 0;
            for (int i = 0; i < n; i++) {
                float[] src = i < nRef ? ref : cur;
                int o = (i < nRef ? i : i - nRef) * d;
                double[] x = new double[d];
                for (int k = 0; k < d; k++) {
                    x[k] = (src[o + k] - mean[k]) / sd[k];
                }
                if (fold[i] != f) {
                    trainX[tr] = x;
                    trainY[tr++] = labels[i];
                } else {
                    testX[te] = x;
                    testY[te++] = labels[i];
                }
            }
            ToDoubleFunction<double[]> model = logisticFit.fit(trainX, trainY, LAMBDA);
            double[] scores = new double[testX.length];
            for (int i = 0; i < testX.length; i++) {
                scores[i] = model.applyAsDouble(testX[i]);
            }
            aucSum += BinaryClassificationMetrics.auroc(scores, testY);
            folds++;
        }
        double auc = aucSum / folds;
        double score = Math.min(1, Math.max(0, (auc - 0.5) / 0.5));
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("roc_auc", auc);
        values.put("folds", (double) folds);
        values.put("reference_size", (double) nRef);
        values.put("current_size", (double) nCur);
        return new DriftResult(DriftMethods.DOMAIN_CLASSIFIER_ID, score, auc, threshold, auc > threshold, values);
    }

    /** Fold of each pooled row (reference rows first): each class shuffled, then dealt round-robin. */
    static int[] stratifiedFolds(int nRef, int nCur, int k, SplittableRandom random) {
        int[] fold = new int[nRef + nCur];
        deal(fold, 0, nRef, k, random);
        deal(fold, nRef, nCur, k, random);
        return fold;
    }

    private static void deal(int[] fold, int offset, int count, int k, SplittableRandom random) {
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        VectorMath.shuffle(order, random);
        for (int position = 0; position < count; position++) {
            fold[offset + order[position]] = position % k;
        }
    }
}
