package io.llmeval.udfs.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one drift method says about one window.
 *
 * @param method        the method id ({@link DriftMethod#id()})
 * @param score         drift strength in [0, 1], method-specific (see {@link DriftMethod#returns()})
 * @param statistic     the raw statistic the decision is taken on (AUC, share, distance, MMD²)
 * @param threshold     the value of {@code statistic} above which drift is declared, in the statistic's
 *                      units (fixed, or the null quantile for bootstrap and permutation methods)
 * @param driftDetected {@code statistic > threshold}
 * @param values        all named values the method computed, in a stable order (for logging and sinks)
 */
public record DriftResult(
        String method, double score, double statistic, double threshold, boolean driftDetected,
        Map<String, Double> values) {

    public DriftResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A named value, or NaN when the method does not report it. */
    public double value(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }
}
