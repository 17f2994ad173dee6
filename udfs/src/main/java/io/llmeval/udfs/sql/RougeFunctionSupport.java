package io.llmeval.udfs.sql;

import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.rouge.RougeScorer;
import io.llmeval.udfs.text.TokenizerMode;

import java.util.HashMap;
import java.util.Map;

/**
 * The runtime shared by {@link RougeNFunction}, {@link RougeLFunction} and {@link RougeLsumFunction}: one
 * {@link RougeScorer} per (metric, stem) built on first use and kept for the life of the function instance
 * (each parallel instance has its own), scoring with the {@code rouge_score} tokenizer.
 */
final class RougeFunctionSupport {

    /** Component returned when the call names none. */
    static final String DEFAULT_COMPONENT = "f";
    /** Stemming when the call does not say. */
    static final boolean DEFAULT_STEM = false;

    private final Map<RougeMetric, RougeScorer> plain = new HashMap<>();
    private final Map<RougeMetric, RougeScorer> stemmed = new HashMap<>();

    /** The component of {@code metric} for (reference, candidate); {@code null} when any argument is. */
    Double score(RougeMetric metric, String reference, String candidate, String component, Boolean stem) {
        if (reference == null || candidate == null || component == null || stem == null) {
            return null;
        }
        RougeComponent which = RougeComponent.parse(component);
        Map<RougeMetric, RougeScorer> scorers = stem ? stemmed : plain;
        RougeScorer scorer = scorers.computeIfAbsent(metric, m -> RougeScorer.builder().metrics(m)
                .useStemmer(stem).tokenizerMode(TokenizerMode.ROUGE_SCORE).build());
        return which.of(scorer.score(reference, candidate).get(0));
    }
}
