package io.llmeval.udfs.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry of the embedding drift methods, each a {@link DriftMethod} descriptor.
 *
 * <pre>{@code
 * DriftMethod method = DriftMethods.get("domain_classifier");   // unknown ids list the valid ones
 * for (DriftMethod m : DriftMethods.all()) { ... }
 * }</pre>
 *
 * <p>Every method compares the window's sample with the reference sample and decides on its own
 * statistic; see each implementation for the statistic and docs/drift.md for the measured false-alarm
 * rate, detection power and cost of each. {@link #DEFAULT_ID} is the primary method chosen from that
 * benchmark, and {@link #defaultFor(int, int)} the rule that keeps window close under a second when the
 * reference or the windows are configured larger.
 */
public final class DriftMethods {

    public static final String DOMAIN_CLASSIFIER_ID = "domain_classifier";
    public static final String COMPONENT_SHARE_ID = "component_share";
    public static final String MEAN_DISTANCE_ID = "mean_distance";
    public static final String MMD_ID = "mmd";

    public static final DriftMethod DOMAIN_CLASSIFIER = new DriftMethod(
            DOMAIN_CLASSIFIER_ID,
            "Domain classifier (logistic regression, cross-validated ROC AUC)",
            0.55,
            "ROC AUC above which the window drifts (Evidently's default 0.55)",
            "statistic = ROC AUC; score = clip((AUC - 0.5) / 0.5, 0, 1)",
            DomainClassifierDrift::compute);

    public static final DriftMethod COMPONENT_SHARE = new DriftMethod(
            COMPONENT_SHARE_ID,
            "Share of drifted components (normalised Wasserstein per dimension)",
            0.2,
            "share of components with normalised Wasserstein >= 0.1 above which the window drifts"
                    + " (Evidently's defaults 0.1 and 0.2)",
            "statistic = score = share of drifted components",
            ComponentShareDrift::compute);

    public static final DriftMethod MEAN_DISTANCE = new DriftMethod(
            MEAN_DISTANCE_ID,
            "Distance between mean embeddings (euclidean, cosine) with a bootstrap threshold",
            0.99,
            "probability of the bootstrap null quantile the euclidean distance must exceed (Evidently uses"
                    + " 0.95; 0.99 because a verdict is given every window)",
            "statistic = euclidean distance of the means; threshold = null quantile; score = 1 - bootstrap p",
            MeanDistanceDrift::compute);

    public static final DriftMethod MMD = new DriftMethod(
            MMD_ID,
            "Maximum mean discrepancy (RBF kernel, median bandwidth, permutation test)",
            0.01,
            "significance level alpha of the permutation test (0.01: a verdict is given every window, so the"
                    + " false-alarm rate per window is what operators see)",
            "statistic = unbiased MMD²; threshold = null quantile at 1 - alpha; score = 1 - p",
            MmdDrift::compute);

    /** The primary method when none is configured; chosen from the power benchmark (docs/drift.md). */
    public static final String DEFAULT_ID = MMD_ID;

    /**
     * Largest pooled size (reference rows + window rows) for which {@link #defaultFor} picks {@code mmd}:
     * its kernel matrix grows with the square of the pooled size, and at 3,000 rows of 384 dimensions a
     * window close takes about 1 s of one core. Beyond it, {@code mean_distance} (linear) is picked.
     */
    public static final int MMD_MAX_POOLED_SIZE = 3000;

    private static final Map<String, DriftMethod> BY_ID = new LinkedHashMap<>();

    static {
        for (DriftMethod method : List.of(DOMAIN_CLASSIFIER, COMPONENT_SHARE, MEAN_DISTANCE, MMD)) {
            BY_ID.put(method.id(), method);
        }
    }

    private DriftMethods() {
    }

    /** All methods, in registry order. */
    public static List<DriftMethod> all() {
        return List.copyOf(BY_ID.values());
    }

    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /**
     * The method with this id.
     *
     * @throws IllegalArgumentException naming the valid ids when there is none
     */
    public static DriftMethod get(String id) {
        DriftMethod method = id == null ? null : BY_ID.get(id);
        if (method == null) {
            throw new IllegalArgumentException(
                    "unknown drift method '" + id + "'; valid ids: " + String.join(", ", BY_ID.keySet()));
        }
        return method;
    }

    /** The default primary method. */
    public static DriftMethod defaultMethod() {
        return get(DEFAULT_ID);
    }

    /**
     * The default primary method for a reference of {@code referenceSize} rows and windows of at most
     * {@code sampleSize} rows: {@code mmd} (the most powerful at a controlled false-alarm rate on the
     * benchmark) while the pooled size is at most {@link #MMD_MAX_POOLED_SIZE}, else
     * {@code mean_distance} (next in power, linear cost).
     */
    public static DriftMethod defaultFor(int referenceSize, int sampleSize) {
        return (long) referenceSize + sampleSize <= MMD_MAX_POOLED_SIZE ? MMD : MEAN_DISTANCE;
    }
}
