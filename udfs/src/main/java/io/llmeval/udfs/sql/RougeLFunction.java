package io.llmeval.udfs.sql;

import io.llmeval.udfs.rouge.RougeMetric;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code ROUGE_L(reference, candidate [, 'p'|'r'|'f'] [, stem])}: ROUGE-L (longest common subsequence of the whole texts) of a candidate against its
 * reference, exactly as Google's rouge_score computes it. Returns F unless a component is named; stemming
 * is off unless {@code stem} is TRUE.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION ROUGE_L AS 'io.llmeval.udfs.sql.RougeLFunction' LANGUAGE JAVA;
 * SELECT ROUGE_L(reference, response), ROUGE_L(reference, response, 'p', TRUE) FROM responses;
 * }</pre>
 *
 * <p>Types: STRING, STRING [, STRING] [, BOOLEAN] → DOUBLE. Any NULL argument gives NULL. An unknown
 * component fails the query.
 */
public class RougeLFunction extends ScalarFunction {

    private transient RougeFunctionSupport support;

    public Double eval(String reference, String candidate) {
        return eval(reference, candidate, RougeFunctionSupport.DEFAULT_COMPONENT, RougeFunctionSupport.DEFAULT_STEM);
    }

    public Double eval(String reference, String candidate, String component) {
        return eval(reference, candidate, component, RougeFunctionSupport.DEFAULT_STEM);
    }

    public Double eval(String reference, String candidate, Boolean stem) {
        return eval(reference, candidate, RougeFunctionSupport.DEFAULT_COMPONENT, stem);
    }

    public Double eval(String reference, String candidate, String component, Boolean stem) {
        if (support == null) {
            support = new RougeFunctionSupport();
        }
        return support.score(RougeMetric.ROUGE_L, reference, candidate, component, stem);
    }
}
