package io.llmeval.report;

import io.llmeval.udfs.stats.WilsonScore;

import java.util.Arrays;
import java.util.Collection;

/**
 * The summary-table row of a key (or of all keys): totals of its windows, drift windows and incidents.
 *
 * <p>Window percentiles cannot be merged into a percentile of the whole run (the outputs hold no sketches), so the
 * latency columns are the median and the maximum of the windows' {@code latency_p95_ms}: the typical window and the
 * worst one. Rates are ratios of the summed counts, not means of window rates, and the hallucination rate comes
 * with its Wilson 95% interval.
 *
 * @param latencyP95MedianMs median of the windows' {@code latency_p95_ms} (mean of the two middle ones when even)
 * @param latencyP95MaxMs    the largest window {@code latency_p95_ms}
 * @param driftWindows       drift windows with a verdict (enough samples)
 * @param costUsd            sum of {@code cost_usd_sum}; {@code null} when the output has no cost columns
 * @param costUsdPerRequest  {@code costUsd} over the priced requests: {@code request_count - unpriced_count} of the
 *                           windows that have cost columns
 */
public record Summary(
        long windows, long requests, long errors, Double errorRate,
        Double latencyP95MedianMs, Double latencyP95MaxMs,
        long scored, long hallucinated, Double hallucinationRate, Double hallucinationRateLow,
        Double hallucinationRateHigh,
        long driftWindows, long driftWindowsFlagged, long incidents,
        Double costUsd, Double costUsdPerRequest, Long unpriced) {

    public static Summary of(Collection<WindowRow> windows, Collection<DriftRow> drift, int incidents) {
        long requests = 0;
        long errors = 0;
        long scored = 0;
        long hallucinated = 0;
        double cost = 0;
        long unpriced = 0;
        long pricedRequests = 0;
        boolean priced = false;
        double[] p95 = new double[windows.size()];
        int i = 0;
        for (WindowRow w : windows) {
            requests += w.requestCount();
            errors += w.errorCount();
            scored += w.scoredCount();
            hallucinated += w.hallucinatedCount();
            p95[i++] = w.latencyP95Ms();
            if (w.costUsdSum() != null) {
                priced = true;
                cost += w.costUsdSum();
                long windowUnpriced = w.unpricedCount() == null ? 0 : w.unpricedCount();
                unpriced += windowUnpriced;
                pricedRequests += w.requestCount() - windowUnpriced;
            }
        }
        Arrays.sort(p95);
        return new Summary(windows.size(), requests, errors, ratio(errors, requests),
                median(p95), p95.length == 0 ? null : p95[p95.length - 1],
                scored, hallucinated, ratio(hallucinated, scored),
                scored == 0 ? null : lowerBound(hallucinated, scored),
                scored == 0 ? null : upperBound(hallucinated, scored),
                drift.stream().filter(DriftRow::hasVerdict).count(),
                drift.stream().filter(DriftRow::flagged).count(),
                incidents,
                priced ? cost : null,
                priced && pricedRequests > 0 ? cost / pricedRequests : null,
                priced ? unpriced : null);
    }

    /** Lower end of the Wilson 95% interval of {@code k} in {@code n} (the alert rules' bound). */
    static double lowerBound(long k, long n) {
        return WilsonScore.lowerBound(k, n, WilsonScore.Z_95);
    }

    /** The Wilson interval is symmetric under p -> 1 - p: the upper bound of k in n is 1 - the lower of n - k. */
    static double upperBound(long k, long n) {
        return 1 - WilsonScore.lowerBound(n - k, n, WilsonScore.Z_95);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    static Double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return null;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
