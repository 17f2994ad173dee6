package io.llmeval.udfs.hallucination;

import io.llmeval.udfs.eval.BinaryClassificationMetrics;
import io.llmeval.udfs.eval.BinaryClassificationMetrics.StratifiedAuroc;
import io.llmeval.udfs.eval.BinaryClassificationMetrics.Summary;
import io.llmeval.udfs.eval.LogisticRegression;
import io.llmeval.udfs.eval.ThresholdChoice;
import io.llmeval.udfs.text.Tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures how well each hallucination signal and the combined score separate hallucinated from faithful
 * responses (hallucinated = positive): AUROC, AUPRC, best-F1 threshold, AUROC on length-matched pairs; and
 * refits the lexical model with k-fold cross-validation.
 *
 * <pre>{@code
 * HallucinationEvaluation.Report report =
 *         HallucinationEvaluation.evaluate(examples, HallucinationScorer.builder().build(), 5);
 * System.out.print(report.table());
 * report.combined().auroc();
 * }</pre>
 *
 * <p>Length-matched AUROC compares a hallucinated response only with faithful ones of exactly the same
 * number of tokens (in the scorer's tokenizer mode): a score that only measured length would get 0.5 there.
 * Cross-validation: groups are shuffled with a fixed seed and dealt into k folds; the lexical model is refitted
 * on k−1 folds (L2 {@link #L2}) and scores the held-out fold; the AUROC is over all held-out scores.
 * Deterministic.
 */
public final class HallucinationEvaluation {

    /** Name of the combined score's row. */
    public static final String COMBINED = "hallucination_score";
    /** Name of the length row: a reference point showing the data set's length artifact, never a signal. */
    public static final String LENGTH_BASELINE = "response_tokens (baseline, not a signal)";
    /** L2 strength of the refit (on the mean log-loss). */
    public static final double L2 = 1e-3;
    /** Seed of the fold assignment. */
    public static final long FOLD_SEED = 42L;

    private HallucinationEvaluation() {
    }

    /** One row of the table. */
    public record SignalRow(String name, double auroc, double auprc, ThresholdChoice bestF1,
            double lengthMatchedAuroc) {
    }

    /**
     * The evaluation of a set of examples: one row per signal (combined first), the number of length-matched
     * pairs, precision/recall/F1 of the combined score at the scorer's threshold, the model refitted on all
     * examples and the cross-validated AUROC of refitted models.
     */
    public record Report(int examples, int positives, List<SignalRow> rows, long lengthMatchedPairs,
            ThresholdChoice atThreshold, HallucinationWeights refitted, int folds, double crossValidatedAuroc,
            double crossValidatedLengthMatchedAuroc) {

        public SignalRow row(String name) {
            for (SignalRow row : rows) {
                if (row.name().equals(name)) {
                    return row;
                }
            }
            throw new IllegalArgumentException("no row named " + name);
        }

        public SignalRow combined() {
            return row(COMBINED);
        }

        /** The rows as a fixed-width text table, followed by the cross-validation and refit lines. */
        public String table() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "examples: %d (%d hallucinated); length-matched pairs: %d%n",
                    examples, positives, lengthMatchedPairs));
            out.append(String.format(Locale.ROOT, "%-42s %7s %7s %10s %7s %9s%n",
                    "signal", "AUROC", "AUPRC", "best-F1 t", "F1", "AUROC-LM"));
            for (SignalRow row : rows) {
                out.append(String.format(Locale.ROOT, "%-42s %7.4f %7.4f %10.4f %7.4f %9.4f%n",
                        row.name(), row.auroc(), row.auprc(), row.bestF1().threshold(), row.bestF1().f1(),
                        row.lengthMatchedAuroc()));
            }
            out.append(String.format(Locale.ROOT,
                    "%s at the scorer's threshold %.2f: precision %.4f, recall %.4f, F1 %.4f%n", COMBINED,
                    atThreshold.threshold(), atThreshold.precision(), atThreshold.recall(), atThreshold.f1()));
            out.append(String.format(Locale.ROOT,
                    "%d-fold cross-validated AUROC of the refitted lexical model: %.4f (length-matched %.4f)%n",
                    folds, crossValidatedAuroc, crossValidatedLengthMatchedAuroc));
            out.append(String.format(Locale.ROOT,
                    "refitted on all examples: bias %.4f, unsupported_ratio %.4f, unsupported_bigram_ratio %.4f, "
                            + "entity_mismatch %.4f, number_mismatch %.4f%n",
                    refitted.bias(), refitted.unsupportedRatio(), refitted.unsupportedBigramRatio(),
                    refitted.entityMismatch(), refitted.numberMismatch()));
            return out.toString();
        }
    }

    /** Scores every example with {@code scorer} and evaluates every signal; {@code folds} &ge; 2. */
    public static Report evaluate(List<LabeledResponse> examples, HallucinationScorer scorer, int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        int n = examples.size();
        boolean[] positive = new boolean[n];
        int[] lengths = new int[n];
        double[][] lexical = new double[n][];
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(COMBINED, new double[n]);
        Tokenizer tokenizer = Tokenizer.of(scorer.tokenizerMode(), false);
        int positives = 0;
        for (int i = 0; i < n; i++) {
            LabeledResponse example = examples.get(i);
            HallucinationResult result = scorer.score(example.response(), example.reference(), example.prompt(),
                    null, null);
            positive[i] = example.hallucinated();
            positives += positive[i] ? 1 : 0;
            lengths[i] = tokenizer.tokenize(example.response()).size();
            lexical[i] = features(result);
            columns.get(COMBINED)[i] = result.hallucinationScore();
            for (Map.Entry<String, Double> signal : result.signals().entrySet()) {
                if (signal.getValue() != null && !signal.getKey().equals("lexical_score")) {
                    columns.computeIfAbsent(signal.getKey(), k -> new double[n])[i] = signal.getValue();
                }
            }
        }
        double[] lengthColumn = new double[n];
        for (int i = 0; i < n; i++) {
            lengthColumn[i] = lengths[i];
        }
        columns.put(LENGTH_BASELINE, lengthColumn);

        List<SignalRow> rows = new ArrayList<>();
        long matchedPairs = 0;
        for (Map.Entry<String, double[]> column : columns.entrySet()) {
            Summary summary = BinaryClassificationMetrics.summarize(column.getValue(), positive);
            StratifiedAuroc matched = BinaryClassificationMetrics.stratifiedAurocWithPairs(column.getValue(),
                    positive, lengths);
            matchedPairs = matched.pairs();
            rows.add(new SignalRow(column.getKey(), summary.auroc(), summary.auprc(), summary.bestF1(),
                    matched.auroc()));
        }

        LogisticRegression.Model all = LogisticRegression.fit(lexical, positive, L2);
        double[] heldOut = crossValidate(examples, lexical, positive, folds);
        ThresholdChoice atThreshold = BinaryClassificationMetrics.atThreshold(columns.get(COMBINED), positive,
                scorer.threshold());
        return new Report(n, positives, rows, matchedPairs, atThreshold,
                HallucinationWeights.of(all.bias(), all.weights()),
                folds, BinaryClassificationMetrics.auroc(heldOut, positive),
                BinaryClassificationMetrics.stratifiedAuroc(heldOut, positive, lengths));
    }

    /** The four lexical signals in {@link HallucinationWeights} order. */
    static double[] features(HallucinationResult result) {
        return new double[] {result.unsupportedRatio(), result.unsupportedBigramRatio(), result.entityMismatch(),
            result.numberMismatch()};
    }

    /** Out-of-fold probabilities of models refitted on the other folds; folds are made of whole groups. */
    private static double[] crossValidate(List<LabeledResponse> examples, double[][] features,
            boolean[] positive, int folds) {
        List<Integer> groups = new ArrayList<>(new LinkedHashSet<>(examples.stream()
                .map(LabeledResponse::group).toList()));
        Collections.shuffle(groups, new Random(FOLD_SEED));
        Map<Integer, Integer> foldOf = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            foldOf.put(groups.get(i), i % folds);
        }
        int n = examples.size();
        double[] heldOut = new double[n];
        for (int fold = 0; fold < folds; fold++) {
            List<double[]> trainX = new ArrayList<>();
            List<Boolean> trainY = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (foldOf.get(examples.get(i).group()) != fold) {
                    trainX.add(features[i]);
                    trainY.add(positive[i]);
                }
            }
            boolean[] y = new boolean[trainY.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = trainY.get(i);
            }
            LogisticRegression.Model model = LogisticRegression.fit(trainX.toArray(new double[0][]), y, L2);
            for (int i = 0; i < n; i++) {
                if (foldOf.get(examples.get(i).group()) == fold) {
                    heldOut[i] = model.probability(features[i]);
                }
            }
        }
        return heldOut;
    }
}
