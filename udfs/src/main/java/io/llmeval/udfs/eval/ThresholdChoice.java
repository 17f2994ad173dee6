package io.llmeval.udfs.eval;

/**
 * A decision threshold ({@code score >= threshold} is positive) and the F1, precision and recall it gives
 * on the data it was chosen from.
 *
 * <pre>{@code
 * ThresholdChoice best = BinaryClassificationMetrics.bestF1(scores, positive);
 * boolean flagged = score >= best.threshold();
 * }</pre>
 */
public record ThresholdChoice(double threshold, double f1, double precision, double recall) {
}
