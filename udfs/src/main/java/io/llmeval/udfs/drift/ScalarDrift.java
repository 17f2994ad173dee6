package io.llmeval.udfs.drift;

import java.util.Arrays;

/**
 * Drift of one numeric column (prompt tokens, response tokens) against its reference distribution.
 *
 * <pre>{@code
 * ScalarDrift promptTokens = ScalarDrift.builder().reference(referencePromptTokens).build();
 * ScalarDriftResult result = promptTokens.detect(windowPromptTokens);
 * }</pre>
 *
 * <p>Two gates, both required for a verdict of drift:
 * <ul>
 *   <li><b>Size of the change</b>: the 1-Wasserstein distance between the two empirical distributions
 *       divided by the reference's standard deviation (Evidently's {@code wasserstein_distance_norm}),
 *       above 0.1 (Evidently's threshold for it). A p-value alone flags every negligible change once
 *       windows are large; the normalised distance does not grow with the sample size. "Prompts got
 *       20% longer" gives about 0.3 for a log-normal length with log-sd 0.6.</li>
 *   <li><b>Evidence</b>: the two-sample Kolmogorov–Smirnov p-value ({@link TwoSampleKsTest#standard()}:
 *       Apache Commons Statistics, exact up to 10,000 values a side, tie-aware D) below {@code alpha} = 0.01. On small windows the distance
 *       alone exceeds 0.1 by chance (three windows in four of 100 prompt lengths); requiring the test
 *       keeps the false-alarm rate at or below {@code alpha} whatever the window size. 0.01 rather than
 *       0.05 because a verdict is given every window.</li>
 * </ul>
 * Score: the normalised distance clipped to [0, 1]. Below {@code minSamples} (default 50) the status is
 * {@link DriftStatus#INSUFFICIENT_SAMPLES} and there is no verdict. Thread-safe.
 */
public final class ScalarDrift {

    public static final double DEFAULT_WASSERSTEIN_THRESHOLD = 0.1;
    public static final double DEFAULT_ALPHA = 0.01;
    private static final double MIN_STD = 0.001;

    private final double[] sortedReference;
    private final double referenceStd;
    private final int minSamples;
    private final double wassersteinThreshold;
    private final double alpha;
    private final TwoSampleKsTest ksTest;

    ScalarDrift(double[] reference, int minSamples, double wassersteinThreshold, double alpha,
                TwoSampleKsTest ksTest) {
        this.sortedReference = reference.clone();
        Arrays.sort(sortedReference);
        this.referenceStd = VectorMath.std(reference);
        this.minSamples = minSamples;
        this.wassersteinThreshold = wassersteinThreshold;
        this.alpha = alpha;
        this.ksTest = ksTest;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ScalarDriftResult detect(double[] current) {
        for (double v : current) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("current values must be finite, got " + v);
            }
        }
        if (current.length < minSamples) {
            return new ScalarDriftResult(DriftStatus.INSUFFICIENT_SAMPLES, Double.NaN, false, Double.NaN,
                    Double.NaN, Double.NaN, current.length, wassersteinThreshold, alpha);
        }
        double[] sorted = current.clone();
        Arrays.sort(sorted);
        double distance = VectorMath.wasserstein1(sortedReference, sorted) / Math.max(referenceStd, MIN_STD);
        TwoSampleKsTest.Result ks = ksTest.test(sortedReference, sorted);
        double pValue = Math.min(1, Math.max(0, ks.pValue()));
        boolean drift = distance > wassersteinThreshold && pValue < alpha;
        return new ScalarDriftResult(DriftStatus.OK, Math.min(1, distance), drift, distance, ks.statistic(), pValue,
                current.length, wassersteinThreshold, alpha);
    }

    /** Settings of a {@link ScalarDrift}; {@link #build()} validates them. */
    public static final class Builder {
        private double[] reference;
        private int minSamples = DriftDetector.DEFAULT_MIN_SAMPLES;
        private double wassersteinThreshold = DEFAULT_WASSERSTEIN_THRESHOLD;
        private double alpha = DEFAULT_ALPHA;
        private TwoSampleKsTest ksTest = TwoSampleKsTest.standard();

        Builder() {
        }

        public Builder reference(double[] reference) {
            this.reference = reference;
            return this;
        }

        public Builder minSamples(int minSamples) {
            this.minSamples = minSamples;
            return this;
        }

        /** Normalised Wasserstein distance the change must exceed (default 0.1). */
        public Builder wassersteinThreshold(double threshold) {
            this.wassersteinThreshold = threshold;
            return this;
        }

        /** KS significance level the change must reach (default 0.01). */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Implementation of the KS test (default {@link TwoSampleKsTest#standard()}; another for parity tests). */
        public Builder ksTest(TwoSampleKsTest ksTest) {
            this.ksTest = ksTest;
            return this;
        }

        public ScalarDrift build() {
            if (reference == null) {
                throw new IllegalArgumentException("reference is required");
            }
            if (minSamples < 2) {
                throw new IllegalArgumentException("minSamples must be >= 2, got " + minSamples);
            }
            if (reference.length < minSamples) {
                throw new IllegalArgumentException(String.format(
                        "reference has %d values, fewer than minSamples (%d)", reference.length, minSamples));
            }
            for (double v : reference) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("reference values must be finite, got " + v);
                }
            }
            if (!(wassersteinThreshold >= 0)) {
                throw new IllegalArgumentException("wassersteinThreshold must be >= 0, got " + wassersteinThreshold);
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
            if (ksTest == null) {
                throw new IllegalArgumentException("ksTest is required");
            }
            return new ScalarDrift(reference, minSamples, wassersteinThreshold, alpha, ksTest);
        }
    }
}
