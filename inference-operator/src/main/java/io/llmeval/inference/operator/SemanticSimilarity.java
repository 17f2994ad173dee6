package io.llmeval.inference.operator;

import java.util.List;

import io.llmeval.inference.SentenceEmbedder;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The semantic hallucination signal's input: {@code semantic_similarity = cosine(embed(response),
 * embed(reference))}, computed by an {@link EmbeddingOperator} only for records that have a reference.
 *
 * <pre>{@code
 * EmbeddingOperator<LogRecord, LogRecord> similarity = EmbeddingOperator.<LogRecord, LogRecord>builder()
 *         .configure(jobConfiguration)                      // llm-eval.inference.*: model, batches
 *         .inputType(TypeInformation.of(LogRecord.class))
 *         .texts(SemanticSimilarity.responseAndReference(r -> r.response, r -> r.reference))
 *         .combiner(SemanticSimilarity.attach((record, similarity) -> {
 *             record.semanticSimilarity = similarity;
 *             return record;
 *         }))
 *         .build();
 * }</pre>
 */
public final class SemanticSimilarity {

    private SemanticSimilarity() {}

    /** Attaches a similarity (NaN when the record has no reference) to a record. */
    @FunctionalInterface
    public interface Attacher<IN, OUT> extends java.io.Serializable {
        OUT attach(IN record, double similarity);
    }

    /**
     * Selects the response and the reference of records whose reference is non-null and not blank, and nothing
     * for the others (they are not embedded at all).
     */
    public static <IN> TextSelector<IN> responseAndReference(SerializableFunction<IN, String> response,
            SerializableFunction<IN, String> reference) {
        return record -> {
            String ref = reference.apply(record);
            if (ref == null || ref.isBlank()) {
                return List.of();
            }
            String resp = response.apply(record);
            return List.of(resp == null ? "" : resp, ref);
        };
    }

    /** Combiner for {@link #responseAndReference}: the cosine of the two vectors, or NaN for no reference. */
    public static <IN, OUT> EmbeddingCombiner<IN, OUT> attach(Attacher<IN, OUT> attacher) {
        return (record, vectors) -> attacher.attach(record, of(vectors));
    }

    /** The cosine of a (response, reference) pair of vectors; NaN when the pair is absent. */
    public static double of(float[][] pair) {
        if (pair.length != 2) {
            return Double.NaN;
        }
        return SentenceEmbedder.cosine(pair[0], pair[1]);
    }
}
