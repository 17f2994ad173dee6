package io.llmeval.stats.smile;

import io.llmeval.udfs.drift.LogisticFit;
import smile.classification.LogisticRegression;

import java.util.function.ToDoubleFunction;

/**
 * {@link LogisticFit} by Smile's {@code LogisticRegression.binomial} (L-BFGS), with the settings
 * {@code domain_classifier} used while it ran on Smile: gradient tolerance {@value #TOLERANCE}, at most
 * {@value #MAX_ITERATIONS} iterations. Scores are Smile's posterior probabilities (monotone in the logit,
 * so the same ROC AUC).
 */
public final class SmileLogisticFit implements LogisticFit {

    static final double TOLERANCE = 1e-4;
    static final int MAX_ITERATIONS = 200;

    @Override
    public ToDoubleFunction<double[]> fit(double[][] features, boolean[] positive, double ridge) {
        int[] labels = new int[positive.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = positive[i] ? 1 : 0;
        }
        return LogisticRegression.binomial(features, labels, ridge, TOLERANCE, MAX_ITERATIONS)::score;
    }
}
