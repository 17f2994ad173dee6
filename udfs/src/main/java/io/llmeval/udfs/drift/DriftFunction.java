package io.llmeval.udfs.drift;

/** The computation behind a {@link DriftMethod}. */
@FunctionalInterface
public interface DriftFunction {

    /**
     * Compares the current sample to the reference.
     *
     * @param reference the prepared reference sample
     * @param current   the window's sample, one vector per row, in a canonical order (the order of
     *                  {@link ReservoirSampler#items()}): seeded folds, resamples and permutations are
     *                  drawn over row positions, so the same rows in another order can give slightly
     *                  different values
     * @param threshold the method's decision parameter (see {@link DriftMethod#thresholdMeaning()})
     * @param seed      seed of every random choice the method makes
     */
    DriftResult compute(EmbeddingReference reference, float[][] current, double threshold, long seed);
}
