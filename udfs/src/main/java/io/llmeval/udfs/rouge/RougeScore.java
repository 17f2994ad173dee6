package io.llmeval.udfs.rouge;

import java.io.Serializable;

/**
 * Precision, recall and F1 of one ROUGE metric for one (reference, candidate) pair.
 *
 * <pre>{@code
 * RougeScore s = RougeScore.of(3, 4, 6); // 3 matches, 4 candidate units, 6 reference units
 * s.precision(); // 0.75
 * s.recall();    // 0.5
 * s.fmeasure();  // 0.6
 * }</pre>
 *
 * <p>F is computed exactly as {@code rouge_score}'s {@code fmeasure}: {@code 2 * p * r / (p + r)}, or 0 when
 * {@code p + r} is 0, in the same operation order, so doubles match the reference bit for bit.
 */
public record RougeScore(double precision, double recall, double fmeasure) implements Serializable {

    /** The score of empty input: all zero. */
    public static final RougeScore ZERO = new RougeScore(0.0, 0.0, 0.0);

    /**
     * The score for {@code matches} units matched out of {@code candidateUnits} and {@code referenceUnits}
     * (both &ge; 1 when matches &gt; 0).
     */
    public static RougeScore of(long matches, long candidateUnits, long referenceUnits) {
        if (matches == 0) {
            return ZERO;
        }
        double precision = (double) matches / candidateUnits;
        double recall = (double) matches / referenceUnits;
        return new RougeScore(precision, recall, fmeasure(precision, recall));
    }

    /** {@code rouge_score.scoring.fmeasure}. */
    public static double fmeasure(double precision, double recall) {
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    }
}
