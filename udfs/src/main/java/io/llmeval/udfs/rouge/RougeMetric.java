package io.llmeval.udfs.rouge;

import java.io.Serializable;
import java.util.Locale;

/**
 * One ROUGE variant: ROUGE-N for any n &ge; 1, ROUGE-L or ROUGE-Lsum, named as {@code rouge_score} names them.
 *
 * <pre>{@code
 * RougeMetric.parse("rouge2");   // == RougeMetric.ROUGE_2
 * RougeMetric.rougeN(4).name();  // "rouge4"
 * RougeMetric.ROUGE_LSUM.name(); // "rougeLsum"
 * }</pre>
 *
 * <p>Immutable, serializable value object.
 */
public final class RougeMetric implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a metric measures. */
    public enum Kind {
        /** ROUGE-N: overlap of n-gram multisets. */
        NGRAM,
        /** ROUGE-L: longest common subsequence of the whole token lists. */
        LCS,
        /** ROUGE-Lsum: union LCS over {@code '\n'}-separated sentences. */
        SUMMARY_LCS
    }

    public static final RougeMetric ROUGE_1 = new RougeMetric(Kind.NGRAM, 1);
    public static final RougeMetric ROUGE_2 = new RougeMetric(Kind.NGRAM, 2);
    public static final RougeMetric ROUGE_L = new RougeMetric(Kind.LCS, 0);
    public static final RougeMetric ROUGE_LSUM = new RougeMetric(Kind.SUMMARY_LCS, 0);

    private final Kind kind;
    private final int n;

    private RougeMetric(Kind kind, int n) {
        this.kind = kind;
        this.n = n;
    }

    /** ROUGE-N; {@code n} must be at least 1. */
    public static RougeMetric rougeN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ROUGE-N needs n >= 1, got " + n);
        }
        return n == 1 ? ROUGE_1 : n == 2 ? ROUGE_2 : new RougeMetric(Kind.NGRAM, n);
    }

    /**
     * Parses {@code rouge<N>}, {@code rougeL} or {@code rougeLsum}, ignoring case and surrounding spaces.
     * Unlike {@code rouge_score}, which accepts a single digit, any N &ge; 1 is accepted.
     */
    public static RougeMetric parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("rougel")) {
            return ROUGE_L;
        }
        if (key.equals("rougelsum")) {
            return ROUGE_LSUM;
        }
        if (key.startsWith("rouge") && key.length() > 5 && key.length() <= 14
                && key.substring(5).chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(key.substring(5));
            if (n >= 1) {
                return rougeN(n);
            }
        }
        throw new IllegalArgumentException("unknown ROUGE metric '" + name
                + "'; valid: rouge<N> with N >= 1 (rouge1, rouge2, ...), rougeL, rougeLsum");
    }

    public Kind kind() {
        return kind;
    }

    /** The n of ROUGE-N; 0 for ROUGE-L and ROUGE-Lsum. */
    public int n() {
        return n;
    }

    /** The {@code rouge_score} name: {@code rouge1}, {@code rougeL}, {@code rougeLsum}. */
    public String name() {
        switch (kind) {
            case LCS:
                return "rougeL";
            case SUMMARY_LCS:
                return "rougeLsum";
            default:
                return "rouge" + n;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RougeMetric && ((RougeMetric) o).kind == kind && ((RougeMetric) o).n == n;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + n;
    }

    @Override
    public String toString() {
        return name();
    }
}
