package io.llmeval.udfs.sql;

import io.llmeval.udfs.hallucination.HallucinationScorer;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code HALLUCINATION_SCORE(response, reference [, mean_logprob, semantic_similarity])}: the combined
 * hallucination score of {@link HallucinationScorer} (default weights, rouge_score tokenizer), in [0, 1];
 * compare it with 0.5 ({@link HallucinationScorer#DEFAULT_THRESHOLD}) to flag a response.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION HALLUCINATION_SCORE AS 'io.llmeval.udfs.sql.HallucinationScoreFunction' LANGUAGE JAVA;
 * SELECT HALLUCINATION_SCORE(response, retrieved_context) >= 0.5 AS hallucinated FROM responses;
 * SELECT HALLUCINATION_SCORE(response, retrieved_context, mean_logprob, CAST(NULL AS DOUBLE)) FROM responses;
 * }</pre>
 *
 * <p>Types: STRING, STRING [, DOUBLE, DOUBLE] → DOUBLE. NULL when the response or reference is NULL; a NULL
 * {@code mean_logprob} or {@code semantic_similarity} only means that evidence is absent.
 */
public class HallucinationScoreFunction extends ScalarFunction {

    private transient HallucinationScorer scorer;

    public Double eval(String response, String reference) {
        return eval(response, reference, null, null);
    }

    public Double eval(String response, String reference, Double meanLogprob, Double semanticSimilarity) {
        if (response == null || reference == null) {
            return null;
        }
        if (scorer == null) {
            scorer = HallucinationScorer.builder().build();
        }
        return scorer.score(response, reference, null, meanLogprob, semanticSimilarity).hallucinationScore();
    }
}
