package io.llmeval.udfs.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Embedding drift of one key-window, from {@link DriftDetector#detect}.
 *
 * @param status        {@link DriftStatus#INSUFFICIENT_SAMPLES} below the detector's minimum, else OK
 * @param driftScore    the primary method's score in [0, 1]; NaN when there is no verdict
 * @param driftDetected the primary method's verdict; false when there is no verdict
 * @param driftMethod   the primary method's id
 * @param sampleCount   vectors in the window's sample
 * @param seenCount     records the window saw (the sampler's count; equals {@code sampleCount} when
 *                      the caller passed vectors directly)
 * @param referenceSize vectors in the (subsampled) reference
 * @param methods       per-method results by id, the primary first; empty when there is no verdict
 */
public record DriftReport(
        DriftStatus status, double driftScore, boolean driftDetected, String driftMethod,
        int sampleCount, long seenCount, int referenceSize, Map<String, DriftResult> methods) {

    public DriftReport {
        methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    /** The primary method's result; null when there is no verdict. */
    public DriftResult primary() {
        return methods.get(driftMethod);
    }
}
