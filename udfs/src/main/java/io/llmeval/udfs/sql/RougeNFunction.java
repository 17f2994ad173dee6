package io.llmeval.udfs.sql;

import io.llmeval.udfs.rouge.RougeMetric;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code ROUGE_N(reference, candidate, n [, 'p'|'r'|'f'] [, stem])}: ROUGE-N of a candidate against its
 * reference, exactly as Google's rouge_score computes it (its tokenizer; NLTK Porter stemmer when
 * {@code stem}). Returns F unless a component is named; stemming is off unless {@code stem} is TRUE.
 *
 * <pre>{@code
 * CREATE TEMPORARY SYSTEM FUNCTION ROUGE_N AS 'io.llmeval.udfs.sql.RougeNFunction' LANGUAGE JAVA;
 * SELECT ROUGE_N(reference, response, 2), ROUGE_N(reference, response, 1, 'r', TRUE) FROM responses;
 * }</pre>
 *
 * <p>Types: STRING, STRING, INT [, STRING] [, BOOLEAN] → DOUBLE. Any NULL argument gives NULL. An n below
 * 1 or an unknown component fails the query.
 */
public class RougeNFunction extends ScalarFunction {

    private transient RougeFunctionSupport support;

    public Double eval(String reference, String candidate, Integer n) {
        return eval(reference, candidate, n, RougeFunctionSupport.DEFAULT_COMPONENT, RougeFunctionSupport.DEFAULT_STEM);
    }

    public Double eval(String reference, String candidate, Integer n, String component) {
        return eval(reference, candidate, n, component, RougeFunctionSupport.DEFAULT_STEM);
    }

    public Double eval(String reference, String candidate, Integer n, Boolean stem) {
        return eval(reference, candidate, n, RougeFunctionSupport.DEFAULT_COMPONENT, stem);
    }

    public Double eval(String reference, String candidate, Integer n, String component, Boolean stem) {
        if (n == null) {
            return null;
        }
        if (support == null) {
            support = new RougeFunctionSupport();
        }
        return support.score(RougeMetric.rougeN(n), reference, candidate, component, stem);
    }
}
