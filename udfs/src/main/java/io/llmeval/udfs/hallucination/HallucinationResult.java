package io.llmeval.udfs.hallucination;

import io.llmeval.udfs.rouge.RougeMetric;
import io.llmeval.udfs.rouge.RougeScore;
import io.llmeval.udfs.rouge.RougeScores;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link HallucinationScorer#score} found for one response: the combined score, the decision, and each
 * signal, also as a name → value map for JSON output.
 *
 * <pre>{@code
 * HallucinationResult r = scorer.score(response, reference, null, null, null);
 * if (r.hallucinated()) {
 *     log(r.hallucinationScore(), r.unsupportedEntities(), r.signals());
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class HallucinationResult {

    /** The keys of {@link #signals()}, in their order. */
    public static final List<String> SIGNAL_NAMES = List.of(
            "lexical_score", "unsupported_ratio", "unsupported_bigram_ratio", "entity_mismatch",
            "number_mismatch", "mean_logprob", "semantic_similarity",
            "rouge1_p", "rouge1_r", "rouge1_f", "rouge2_p", "rouge2_r", "rouge2_f",
            "rouge_l_p", "rouge_l_r", "rouge_l_f", "rouge_lsum_p", "rouge_lsum_r", "rouge_lsum_f",
            "one_minus_rouge_l_f");

    private final double hallucinationScore;
    private final boolean hallucinated;
    private final double lexicalScore;
    private final double unsupportedRatio;
    private final double unsupportedBigramRatio;
    private final double entityMismatch;
    private final double numberMismatch;
    private final Double meanLogprob;
    private final Double semanticSimilarity;
    private final RougeScores rouge;
    private final List<String> unsupportedEntities;
    private final List<String> unsupportedNumbers;

    HallucinationResult(double hallucinationScore, boolean hallucinated, double lexicalScore,
            double unsupportedRatio, double unsupportedBigramRatio, double entityMismatch, double numberMismatch,
            Double meanLogprob, Double semanticSimilarity, RougeScores rouge, List<String> unsupportedEntities,
            List<String> unsupportedNumbers) {
        this.hallucinationScore = hallucinationScore;
        this.hallucinated = hallucinated;
        this.lexicalScore = lexicalScore;
        this.unsupportedRatio = unsupportedRatio;
        this.unsupportedBigramRatio = unsupportedBigramRatio;
        this.entityMismatch = entityMismatch;
        this.numberMismatch = numberMismatch;
        this.meanLogprob = meanLogprob;
        this.semanticSimilarity = semanticSimilarity;
        this.rouge = rouge;
        this.unsupportedEntities = List.copyOf(unsupportedEntities);
        this.unsupportedNumbers = List.copyOf(unsupportedNumbers);
    }

    /** The combined score in [0, 1]; higher means more likely hallucinated. */
    public double hallucinationScore() {
        return hallucinationScore;
    }

    /** {@code hallucinationScore() >= threshold} of the scorer. */
    public boolean hallucinated() {
        return hallucinated;
    }

    /** The fitted logistic combination of the four lexical signals, before optional evidence. */
    public double lexicalScore() {
        return lexicalScore;
    }

    /** Share of the response's content tokens absent from the reference, in [0, 1]. */
    public double unsupportedRatio() {
        return unsupportedRatio;
    }

    /** Share of the response's content-bearing adjacent token pairs absent from the reference, in [0, 1]. */
    public double unsupportedBigramRatio() {
        return unsupportedBigramRatio;
    }

    /** Share of the response's capitalised spans with a word the reference lacks, in [0, 1]. */
    public double entityMismatch() {
        return entityMismatch;
    }

    /** Share of the response's numbers whose value the reference does not state, in [0, 1]. */
    public double numberMismatch() {
        return numberMismatch;
    }

    /** The generator's mean token log-probability, when given. */
    public Double meanLogprob() {
        return meanLogprob;
    }

    /** The semantic similarity supplied by a model, when given. */
    public Double semanticSimilarity() {
        return semanticSimilarity;
    }

    /** ROUGE-1/2/L/Lsum of (reference, response), stemmed. */
    public RougeScores rouge() {
        return rouge;
    }

    public RougeScore rouge1() {
        return rouge.get(RougeMetric.ROUGE_1);
    }

    public RougeScore rouge2() {
        return rouge.get(RougeMetric.ROUGE_2);
    }

    public RougeScore rougeL() {
        return rouge.get(RougeMetric.ROUGE_L);
    }

    public RougeScore rougeLsum() {
        return rouge.get(RougeMetric.ROUGE_LSUM);
    }

    /** ROUGE-L F of (reference, response). */
    public double rougeLF() {
        return rougeL().fmeasure();
    }

    /**
     * {@code 1 − ROUGE-L F}: the naive baseline ({@code one_minus_rouge_l_f}), reported for comparison only —
     * it ranks short correct answers as hallucinated (AUROC 0.25 on HaluEval).
     */
    public double rougeComplement() {
        return 1.0 - rougeLF();
    }

    /** The capitalised spans of the response, as written, that the reference does not support. */
    public List<String> unsupportedEntities() {
        return unsupportedEntities;
    }

    /** The numbers of the response, as written, whose value the reference does not state. */
    public List<String> unsupportedNumbers() {
        return unsupportedNumbers;
    }

    /**
     * Every signal by its snake_case name, in {@link #SIGNAL_NAMES} order; {@code mean_logprob} and
     * {@code semantic_similarity} map to {@code null} when not given.
     */
    public Map<String, Double> signals() {
        Map<String, Double> signals = new LinkedHashMap<>();
        signals.put("lexical_score", lexicalScore);
        signals.put("unsupported_ratio", unsupportedRatio);
        signals.put("unsupported_bigram_ratio", unsupportedBigramRatio);
        signals.put("entity_mismatch", entityMismatch);
        signals.put("number_mismatch", numberMismatch);
        signals.put("mean_logprob", meanLogprob);
        signals.put("semantic_similarity", semanticSimilarity);
        put(signals, "rouge1", rouge1());
        put(signals, "rouge2", rouge2());
        put(signals, "rouge_l", rougeL());
        put(signals, "rouge_lsum", rougeLsum());
        signals.put("one_minus_rouge_l_f", rougeComplement());
        return Collections.unmodifiableMap(signals);
    }

    private static void put(Map<String, Double> signals, String name, RougeScore score) {
        signals.put(name + "_p", score.precision());
        signals.put(name + "_r", score.recall());
        signals.put(name + "_f", score.fmeasure());
    }

    @Override
    public String toString() {
        return "HallucinationResult{score=" + hallucinationScore + ", hallucinated=" + hallucinated
                + ", signals=" + signals() + ", unsupportedEntities=" + unsupportedEntities
                + ", unsupportedNumbers=" + unsupportedNumbers + '}';
    }
}
