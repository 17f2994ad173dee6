package io.llmeval.udfs.drift;

import java.util.Objects;

/**
 * Descriptor of one embedding drift method in the {@link DriftMethods} registry.
 *
 * <pre>{@code
 * DriftMethod mmd = DriftMethods.get("mmd");
 * DriftResult result = mmd.compute(reference, current, seed);            // default threshold
 * DriftResult strict = mmd.function().compute(reference, current, 0.01, seed);
 * }</pre>
 *
 * @param id               stable id used in configuration and in output rows
 * @param displayName      human-readable name
 * @param defaultThreshold the decision parameter used when none is configured
 * @param thresholdMeaning what the threshold parameter is
 * @param returns          what {@link DriftResult#score()} and {@link DriftResult#statistic()} are
 * @param function         the computation
 */
public record DriftMethod(
        String id, String displayName, double defaultThreshold, String thresholdMeaning, String returns,
        DriftFunction function) {

    public DriftMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(function, "function");
    }

    /** Runs the method with its default threshold. */
    public DriftResult compute(EmbeddingReference reference, float[][] current, long seed) {
        return function.compute(reference, current, defaultThreshold, seed);
    }
}
