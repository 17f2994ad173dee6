package io.llmeval.inference.operator;

import java.io.Serializable;

/**
 * Builds the operator's output from a record and the vectors of its selected texts.
 *
 * @param <IN> record type
 * @param <OUT> output type
 */
@FunctionalInterface
public interface EmbeddingCombiner<IN, OUT> extends Serializable {

    /**
     * @param embeddings one L2-normalised 384-dim vector per text that the {@link TextSelector} returned, in its
     *     order (empty when it returned none)
     */
    OUT combine(IN record, float[][] embeddings);
}
