package io.llmeval.udfs.hallucination;

import java.io.Serializable;

/**
 * The lexical model of {@link HallucinationScorer}: a logistic function of four signals,
 * {@code lexical = 1 / (1 + exp(-(bias + Σ weight · signal)))}.
 *
 * <pre>{@code
 * HallucinationWeights w = HallucinationWeights.DEFAULT;
 * double p = w.probability(0.5, 0.6, 0.0, 0.0); // unsupported, unsupported bigrams, entities, numbers
 * }</pre>
 *
 * <p>{@link #DEFAULT} was fitted on the HaluEval QA development file (1,000 labelled answers) by
 * {@code llm-eval eval-hallucination --fit}; see {@code docs/hallucination.md} for the fit and its
 * cross-validation. Immutable.
 */
public record HallucinationWeights(double bias, double unsupportedRatio, double unsupportedBigramRatio,
        double entityMismatch, double numberMismatch) implements Serializable {

    /**
     * The weights fitted on the HaluEval development file (ROUGE_SCORE tokenizer, L2 1e-3), rounded to two
     * decimals (docs/hallucination.md).
     */
    public static final HallucinationWeights DEFAULT = new HallucinationWeights(-2.48, 2.43, 9.10, 2.12, 0.83);

    /** Number of signals the model weighs. */
    public static final int SIGNALS = 4;

    public HallucinationWeights {
        double[] all = {bias, unsupportedRatio, unsupportedBigramRatio, entityMismatch, numberMismatch};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("hallucination weights must be finite, got " + v);
            }
        }
    }

    /** Weights in the order of {@link #probability}: bias first, then the four signal weights. */
    public static HallucinationWeights of(double bias, double[] weights) {
        if (weights.length != SIGNALS) {
            throw new IllegalArgumentException("need " + SIGNALS + " signal weights, got " + weights.length);
        }
        return new HallucinationWeights(bias, weights[0], weights[1], weights[2], weights[3]);
    }

    /** The logistic combination of the four lexical signals, in (0, 1). */
    public double probability(double unsupported, double unsupportedBigrams, double entities, double numbers) {
        double z = bias + unsupportedRatio * unsupported + unsupportedBigramRatio * unsupportedBigrams
                + entityMismatch * entities + numberMismatch * numbers;
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
