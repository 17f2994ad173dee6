package io.llmeval.udfs.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Threshold-free quality of a score that should be higher for positives: AUROC, AUPRC (average precision),
 * the F1-maximising threshold, and AUROC within strata (e.g. length-matched).
 *
 * <pre>{@code
 * double[] scores = {0.9, 0.8, 0.3, 0.1};
 * boolean[] positive = {true, false, true, false};
 * BinaryClassificationMetrics.auroc(scores, positive);        // 0.75
 * BinaryClassificationMetrics.averagePrecision(scores, positive); // (1 + 2/3) / 2
 * BinaryClassificationMetrics.bestF1(scores, positive).threshold(); // 0.3
 * }</pre>
 *
 * <p>Conventions: a case is predicted positive when its score is {@code >=} the threshold; tied scores always
 * move together (they are one point of the ROC and PR curves). Metrics that need both classes return
 * {@code NaN} when one is missing. Scores must not be {@code NaN}. Pure static functions.
 */
public final class BinaryClassificationMetrics {

    private BinaryClassificationMetrics() {
    }

    /**
     * Area under the ROC curve as the Mann–Whitney rank statistic: the probability that a random positive
     * scores above a random negative, ties counting one half. Ties get mid-ranks, so this equals the
     * trapezoidal area under the ROC curve.
     */
    public static double auroc(double[] scores, boolean[] positive) {
        check(scores, positive);
        int n = scores.length;
        Integer[] order = order(scores);
        long positives = 0;
        double positiveRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1.0; // ranks are 1-based, ascending
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positives++;
                    positiveRankSum += midRank;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * AUROC counting only (positive, negative) pairs in the same stratum, e.g. of equal response length:
     * the probability that a positive outscores a negative of the same stratum (ties one half).
     * {@code NaN} when no stratum holds both classes.
     */
    public static double stratifiedAuroc(double[] scores, boolean[] positive, int[] strata) {
        StratifiedAuroc result = stratifiedAurocWithPairs(scores, positive, strata);
        return result.auroc();
    }

    /** {@link #stratifiedAuroc} with the number of within-stratum (positive, negative) pairs it rests on. */
    public static StratifiedAuroc stratifiedAurocWithPairs(double[] scores, boolean[] positive, int[] strata) {
        check(scores, positive);
        if (strata.length != scores.length) {
            throw new IllegalArgumentException("strata has " + strata.length + " entries, scores "
                    + scores.length);
        }
        Map<Integer, int[]> counts = new HashMap<>();
        for (int i = 0; i < strata.length; i++) {
            counts.computeIfAbsent(strata[i], k -> new int[1])[0]++;
        }
        double concordant = 0;
        long pairs = 0;
        for (Map.Entry<Integer, int[]> stratum : counts.entrySet()) {
            double[] s = new double[stratum.getValue()[0]];
            boolean[] p = new boolean[s.length];
            int k = 0;
            for (int i = 0; i < strata.length; i++) {
                if (strata[i] == stratum.getKey()) {
                    s[k] = scores[i];
                    p[k++] = positive[i];
                }
            }
            long pos = 0;
            for (boolean b : p) {
                pos += b ? 1 : 0;
            }
            long stratumPairs = pos * (s.length - pos);
            if (stratumPairs > 0) {
                concordant += auroc(s, p) * stratumPairs;
                pairs += stratumPairs;
            }
        }
        return new StratifiedAuroc(pairs == 0 ? Double.NaN : concordant / pairs, pairs);
    }

    /**
     * Area under the precision–recall curve as average precision (as scikit-learn's
     * {@code average_precision_score}): the sum over distinct thresholds, from the highest score down, of
     * {@code (recall_k - recall_{k-1}) * precision_k}. {@code NaN} without positives.
     */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        check(scores, positive);
        long totalPositives = 0;
        for (boolean b : positive) {
            totalPositives += b ? 1 : 0;
        }
        if (totalPositives == 0) {
            return Double.NaN;
        }
        Integer[] order = order(scores);
        double area = 0;
        long truePositives = 0;
        long predicted = 0;
        for (int i = scores.length - 1; i >= 0; ) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            long newPositives = 0;
            for (int k = j; k <= i; k++) {
                newPositives += positive[order[k]] ? 1 : 0;
            }
            truePositives += newPositives;
            predicted += i - j + 1;
            area += (double) newPositives / totalPositives * ((double) truePositives / predicted);
            i = j - 1;
        }
        return area;
    }

    /**
     * The threshold (one of the scores) whose rule {@code score >= threshold} has the highest F1; of equal
     * F1s, the highest threshold. F1 is 0 and the threshold {@code +Infinity} when there are no positives.
     */
    public static ThresholdChoice bestF1(double[] scores, boolean[] positive) {
        check(scores, positive);
        long totalPositives = 0;
        for (boolean b : positive) {
            totalPositives += b ? 1 : 0;
        }
        ThresholdChoice best = new ThresholdChoice(Double.POSITIVE_INFINITY, 0, 0, 0);
        if (totalPositives == 0) {
            return best;
        }
        Integer[] order = order(scores);
        long truePositives = 0;
        long predicted = 0;
        for (int i = scores.length - 1; i >= 0; ) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                truePositives += positive[order[k]] ? 1 : 0;
            }
            predicted += i - j + 1;
            double precision = (double) truePositives / predicted;
            double recall = (double) truePositives / totalPositives;
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            if (f1 > best.f1()) {
                best = new ThresholdChoice(scores[order[i]], f1, precision, recall);
            }
            i = j - 1;
        }
        return best;
    }

    /** F1, precision and recall of the rule {@code score >= threshold} (precision 0 when nothing is flagged). */
    public static ThresholdChoice atThreshold(double[] scores, boolean[] positive, double threshold) {
        check(scores, positive);
        long truePositives = 0;
        long predicted = 0;
        long positives = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= threshold;
            predicted += flagged ? 1 : 0;
            positives += positive[i] ? 1 : 0;
            truePositives += flagged && positive[i] ? 1 : 0;
        }
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = positives == 0 ? 0 : (double) truePositives / positives;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new ThresholdChoice(threshold, f1, precision, recall);
    }

    /** AUROC, AUPRC and the best-F1 threshold of one score. */
    public static Summary summarize(double[] scores, boolean[] positive) {
        return new Summary(auroc(scores, positive), averagePrecision(scores, positive), bestF1(scores, positive));
    }

    /** The three figures {@link #summarize} gives for one score. */
    public record Summary(double auroc, double auprc, ThresholdChoice bestF1) {
    }

    /** A stratified AUROC and the number of (positive, negative) pairs it compares. */
    public record StratifiedAuroc(double auroc, long pairs) {
    }

    /** Indices sorted by ascending score (stable). */
    private static Integer[] order(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        return order;
    }

    private static void check(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores has " + scores.length + " entries, labels "
                    + positive.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
    }
}
