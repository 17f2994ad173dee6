package io.llmeval.udfs.sql;

import io.llmeval.udfs.hallucination.HallucinationScorer;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code UNSUPPORTED_RATIO(response, reference)}: the share of the response's content words (stemmed, not
 * stopwords) that the reference does not contain — {@link HallucinationScorer}'s {@code unsupported_ratio},
 * with the rouge_score tokenizer.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION UNSUPPORTED_RATIO AS 'io.llmeval.udfs.sql.UnsupportedRatioFunction' LANGUAGE JAVA;
 * SELECT UNSUPPORTED_RATIO(response, retrieved_context) FROM responses;
 * }</pre>
 *
 * <p>Types: STRING, STRING → DOUBLE in [0, 1]; NULL when either argument is NULL.
 */
public class UnsupportedRatioFunction extends ScalarFunction {

    private transient HallucinationScorer scorer;

    public Double eval(String response, String reference) {
        if (response == null || reference == null) {
            return null;
        }
        if (scorer == null) {
            scorer = HallucinationScorer.builder().build();
        }
        return scorer.score(response, reference, null, null, null).unsupportedRatio();
    }
}
