package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.inference.InferenceSettings;
import io.llmeval.udfs.hallucination.HallucinationScorer;
import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.text.TokenizerMode;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;

/**
 * How records are scored for hallucination (options {@code llm-eval.hallucination.*}).
 *
 * @param enabled score records that have a response and a reference
 * @param threshold hallucination_score at or above which a record counts as hallucinated
 * @param tokenizer tokenizer of the lexical signals
 * @param semantic add the embedding model's cosine(response, reference) as the semantic signal
 * @param inference the embedding model's options, for the semantic stage
 */
public record ScoringConfig(boolean enabled, double threshold, TokenizerMode tokenizer, boolean semantic,
                            InferenceSettings inference) implements Serializable {

    public ScoringConfig {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException(PipelineOptions.HALLUCINATION_THRESHOLD.key() + " must be in [0, 1], got " + threshold);
        }
    }

    static ScoringConfig from(ReadableConfig config, InferenceSettings inference) {
        return new ScoringConfig(
                config.get(PipelineOptions.HALLUCINATION_ENABLED),
                config.get(PipelineOptions.HALLUCINATION_THRESHOLD),
                tokenizer(config.get(PipelineOptions.HALLUCINATION_TOKENIZER)),
                config.get(PipelineOptions.HALLUCINATION_SEMANTIC),
                inference);
    }

    private static TokenizerMode tokenizer(String name) {
        return TokenizerMode.parse(name, message -> new IllegalArgumentException(
                PipelineOptions.HALLUCINATION_TOKENIZER.key() + ": " + message));
    }

    HallucinationScorer scorer() {
        // The windows keep hallucination_score, hallucinated and ROUGE-L F: no other ROUGE variant is computed.
        return HallucinationScorer.builder().tokenizerMode(tokenizer).threshold(threshold)
                .rougeMetrics(RougeMetric.ROUGE_L).build();
    }
}
