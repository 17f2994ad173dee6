package io.llmeval.udfs.rouge;

import io.llmeval.udfs.text.TokenizerMode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Scores a candidate text against a reference text with ROUGE-N, ROUGE-L and ROUGE-Lsum, giving the same
 * numbers as Google's {@code rouge_score} ({@code RougeScorer(metrics, use_stemmer).score(reference, candidate)}).
 *
 * <pre>{@code
 * RougeScorer scorer = RougeScorer.builder()
 *         .metrics(RougeMetric.ROUGE_1, RougeMetric.ROUGE_2, RougeMetric.ROUGE_L, RougeMetric.ROUGE_LSUM)
 *         .useStemmer(true)
 *         .build();
 * RougeScores scores = scorer.score("The cat sat on the mat.", "A cat was sitting on the mat.");
 * double rougeL = scores.get(RougeMetric.ROUGE_L).fmeasure();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Each thread that calls {@link #score} gets its own workspace
 * (vocabulary, stem cache, scratch arrays) in a {@code ThreadLocal}, so build one scorer and reuse it rather
 * than one per record. Deterministic: the result depends only on the two texts and the configuration.
 * Serializable (only the configuration travels), so a Flink function may hold one as a field.
 */
public final class RougeScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<RougeMetric> metrics;
    private final boolean useStemmer;
    private final TokenizerMode tokenizerMode;
    private final transient ThreadLocal<RougeWorkspace> workspaces;

    RougeScorer(List<RougeMetric> metrics, boolean useStemmer, TokenizerMode tokenizerMode) {
        this.metrics = List.copyOf(metrics);
        this.useStemmer = useStemmer;
        this.tokenizerMode = tokenizerMode;
        this.workspaces = ThreadLocal.withInitial(() -> new RougeWorkspace(tokenizerMode, useStemmer));
    }

    /** Rebuilds the per-thread workspaces after deserialization. */
    private Object readResolve() {
        return new RougeScorer(metrics, useStemmer, tokenizerMode);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores {@code candidate} (the prediction) against {@code reference} (the target). A {@code null}
     * text counts as empty; a side without tokens gives 0 for P, R and F.
     */
    public RougeScores score(String reference, String candidate) {
        RougeWorkspace ws = workspaces.get();
        ws.load(reference == null ? "" : reference, candidate == null ? "" : candidate);
        RougeScore[] scores = new RougeScore[metrics.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(ws, metrics.get(i));
        }
        return new RougeScores(metrics, scores);
    }

    private static RougeScore score(RougeWorkspace ws, RougeMetric metric) {
        switch (metric.kind()) {
            case NGRAM:
                return ws.ngrams.score(ws.reference, ws.candidate, metric.n(), ws.alphabet());
            case LCS:
                return lcsScore(ws);
            default:
                return ws.summary.score(ws.reference, ws.candidate, ws.alphabet(), ws.lcs);
        }
    }

    /** ROUGE-L as {@code _score_lcs}: LCS / candidate length and LCS / reference length. */
    private static RougeScore lcsScore(RougeWorkspace ws) {
        TokenSequence ref = ws.reference;
        TokenSequence cand = ws.candidate;
        if (ref.size == 0 || cand.size == 0) {
            return RougeScore.ZERO;
        }
        // LCS length is symmetric: the shorter side goes into the bit vectors (fewer masks to build).
        TokenSequence columns = ref.size <= cand.size ? ref : cand;
        TokenSequence rows = columns == ref ? cand : ref;
        BitParallelLcs lcs = ws.lcs;
        lcs.ensureAlphabet(ws.alphabet());
        lcs.setColumns(columns.ids, 0, columns.size);
        int length = lcs.length(rows.ids, 0, rows.size);
        lcs.clearColumns();
        return RougeScore.of(length, cand.size, ref.size);
    }

    public List<RougeMetric> metrics() {
        return metrics;
    }

    public boolean useStemmer() {
        return useStemmer;
    }

    public TokenizerMode tokenizerMode() {
        return tokenizerMode;
    }

    @Override
    public String toString() {
        return "RougeScorer{metrics=" + metrics + ", useStemmer=" + useStemmer
                + ", tokenizerMode=" + tokenizerMode + '}';
    }

    /**
     * Builds a {@link RougeScorer}. Metrics are required; stemming defaults to off (as in {@code rouge_score})
     * and the tokenizer to {@link TokenizerMode#ROUGE_SCORE}.
     */
    public static final class Builder {

        private final List<RougeMetric> metrics = new ArrayList<>();
        private boolean useStemmer;
        private TokenizerMode tokenizerMode = TokenizerMode.ROUGE_SCORE;

        private Builder() {
        }

        /** Adds metrics, scored in the order given. */
        public Builder metrics(RougeMetric... metrics) {
            return metrics(Arrays.asList(metrics));
        }

        /** Adds metrics, scored in the order given. */
        public Builder metrics(List<RougeMetric> metrics) {
            for (RougeMetric metric : metrics) {
                this.metrics.add(Objects.requireNonNull(metric, "metric"));
            }
            return this;
        }

        /** Adds metrics by name ({@code "rouge1"}, {@code "rougeL"}, ...; see {@link RougeMetric#parse}). */
        public Builder metrics(String... names) {
            for (String name : names) {
                metrics.add(RougeMetric.parse(name));
            }
            return this;
        }

        /** Stem tokens longer than three characters with NLTK's Porter stemmer. */
        public Builder useStemmer(boolean useStemmer) {
            this.useStemmer = useStemmer;
            return this;
        }

        public Builder tokenizerMode(TokenizerMode tokenizerMode) {
            this.tokenizerMode = Objects.requireNonNull(tokenizerMode, "tokenizerMode");
            return this;
        }

        /** Validates and builds; fails on no metrics or a metric given twice. */
        public RougeScorer build() {
            if (metrics.isEmpty()) {
                throw new IllegalStateException("at least one ROUGE metric is required");
            }
            Set<RougeMetric> seen = new HashSet<>();
            for (RougeMetric metric : metrics) {
                if (!seen.add(metric)) {
                    throw new IllegalStateException("ROUGE metric " + metric.name() + " is given twice");
                }
            }
            return new RougeScorer(metrics, useStemmer, tokenizerMode);
        }
    }
}
