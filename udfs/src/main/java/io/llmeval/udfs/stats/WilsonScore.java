package io.llmeval.udfs.stats;

/**
 * The Wilson score interval of a proportion: how low (or high) the true rate behind {@code k} successes in
 * {@code n} trials can plausibly be. Alerts compare its lower bound with their threshold, so that a small
 * window with a few bad answers (4 in 30: rate 0.13, lower bound 0.05) does not page anyone while a clear
 * spike (45 in 100: lower bound 0.36) does.
 *
 * <pre>{@code
 * double low = WilsonScore.lowerBound(45, 100, WilsonScore.Z_95);   // 0.356...
 * boolean surelyAbove = low > 0.10;
 * }</pre>
 *
 * <p>{@code (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)} with {@code p = k/n}. The SQL function
 * {@code WILSON_LOWER_BOUND} and the DataStream alert rules both call this, so they decide alike.
 */
public final class WilsonScore {

    /** z of a two-sided 95% interval. */
    public static final double Z_95 = 1.96;

    private WilsonScore() {}

    /**
     * The lower end of the interval, in [0, 1].
     *
     * @throws IllegalArgumentException when {@code n <= 0}, {@code k} is outside [0, n], or {@code z} is
     *     negative or not finite
     */
    public static double lowerBound(long k, long n, double z) {
        if (!isDefined(k, n, z)) {
            throw new IllegalArgumentException("Wilson bound undefined for k=" + k + ", n=" + n + ", z=" + z
                    + ": needs n > 0, 0 <= k <= n and a finite z >= 0");
        }
        double p = (double) k / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // k = 0 is exactly 0; rounding could make it a hair negative.
        return Math.max(0.0, (centre - margin) / (1 + z2 / n));
    }

    /** Whether {@link #lowerBound} is defined for these arguments. */
    public static boolean isDefined(long k, long n, double z) {
        return n > 0 && k >= 0 && k <= n && z >= 0 && !Double.isInfinite(z);
    }
}
