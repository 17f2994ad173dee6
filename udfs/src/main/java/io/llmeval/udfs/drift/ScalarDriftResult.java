package io.llmeval.udfs.drift;

/**
 * Drift of one numeric column in one window, from {@link ScalarDrift#detect}.
 *
 * @param status               {@link DriftStatus#INSUFFICIENT_SAMPLES} below the minimum, else OK
 * @param driftScore           normalised Wasserstein distance clipped to [0, 1]; NaN without a verdict
 * @param driftDetected        distance above its threshold and KS p-value below alpha
 * @param wassersteinNorm      1-Wasserstein distance / reference standard deviation
 * @param ksStatistic          two-sample Kolmogorov–Smirnov D
 * @param ksPValue             its p-value
 * @param sampleCount          values in the window
 * @param wassersteinThreshold the distance gate
 * @param alpha                the p-value gate
 */
public record ScalarDriftResult(
        DriftStatus status, double driftScore, boolean driftDetected, double wassersteinNorm,
        double ksStatistic, double ksPValue, int sampleCount, double wassersteinThreshold, double alpha) {
}
