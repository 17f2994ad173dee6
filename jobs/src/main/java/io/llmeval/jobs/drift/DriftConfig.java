package io.llmeval.jobs.drift;

import io.llmeval.jobs.inference.InferenceSettings;

import io.llmeval.udfs.drift.DriftMethods;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the drift stage, read once from the job's configuration ({@link DriftOptions}); {@code null}
 * in the pipeline config when no reference is set.
 *
 * @param referencePath      the reference directory
 * @param field              the embedded text
 * @param windowSize         tumbling window of the verdicts
 * @param sampleSize         records sampled per key-window
 * @param minSamples         fewest sampled records for a verdict
 * @param method             primary method id
 * @param allMethods         whether the other methods run too
 * @param maxReferenceSize   reference vectors compared per key
 * @param scope              per-key or global reference
 * @param minReferencePerKey fewest rows of a key for a per-key reference
 * @param seed               seed of sampling and of the methods
 * @param embeddingCacheSize distinct texts whose embeddings are cached per operator instance
 * @param maxTextChars       characters kept per sampled text
 * @param inference          the job's {@code llm-eval.inference.*} entries, from which each operator instance
 *                           builds its embedder
 */
public record DriftConfig(
        String referencePath,
        TextField field,
        Duration windowSize,
        int sampleSize,
        int minSamples,
        String method,
        boolean allMethods,
        int maxReferenceSize,
        ReferenceScope scope,
        int minReferencePerKey,
        long seed,
        int embeddingCacheSize,
        int maxTextChars,
        InferenceSettings inference) implements Serializable {

    public DriftConfig {
        if (windowSize.isZero() || windowSize.isNegative()) {
            throw new IllegalArgumentException(DriftOptions.WINDOW_SIZE.key() + " must be positive, got " + windowSize);
        }
        if (minSamples < 2) {
            throw new IllegalArgumentException(DriftOptions.MIN_SAMPLES.key() + " must be >= 2, got " + minSamples);
        }
        if (sampleSize < minSamples) {
            throw new IllegalArgumentException(DriftOptions.SAMPLE_SIZE.key() + " must be >= "
                    + DriftOptions.MIN_SAMPLES.key() + " (" + minSamples + "), got " + sampleSize);
        }
        if (maxReferenceSize < minSamples) {
            throw new IllegalArgumentException(DriftOptions.MAX_REFERENCE_SIZE.key() + " must be >= "
                    + DriftOptions.MIN_SAMPLES.key() + " (" + minSamples + "), got " + maxReferenceSize);
        }
        if (minReferencePerKey < minSamples) {
            throw new IllegalArgumentException(DriftOptions.MIN_REFERENCE_PER_KEY.key() + " must be >= "
                    + DriftOptions.MIN_SAMPLES.key() + " (" + minSamples + "), got " + minReferencePerKey);
        }
        if (embeddingCacheSize < 0 || maxTextChars < 1) {
            throw new IllegalArgumentException(DriftOptions.EMBEDDING_CACHE_SIZE.key() + " must be >= 0 and "
                    + DriftOptions.MAX_TEXT_CHARS.key() + " >= 1");
        }
        DriftMethods.get(method);
    }

    /** The drift settings, or {@code null} when {@link DriftOptions#REFERENCE} is not set. */
    public static DriftConfig from(ReadableConfig config, InferenceSettings inference) {
        return config.getOptional(DriftOptions.REFERENCE)
                .map(reference -> new DriftConfig(
                        reference,
                        TextField.fromId(config.get(DriftOptions.FIELD)),
                        config.get(DriftOptions.WINDOW_SIZE),
                        config.get(DriftOptions.SAMPLE_SIZE),
                        config.get(DriftOptions.MIN_SAMPLES),
                        config.get(DriftOptions.METHOD),
                        config.get(DriftOptions.ALL_METHODS),
                        config.get(DriftOptions.MAX_REFERENCE_SIZE),
                        ReferenceScope.fromId(config.get(DriftOptions.REFERENCE_SCOPE)),
                        config.get(DriftOptions.MIN_REFERENCE_PER_KEY),
                        config.get(DriftOptions.SEED),
                        config.get(DriftOptions.EMBEDDING_CACHE_SIZE),
                        config.get(DriftOptions.MAX_TEXT_CHARS),
                        inference))
                .orElse(null);
    }
}
