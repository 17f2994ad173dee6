package io.llmeval.udfs.sql;

import io.llmeval.udfs.rouge.RougeScore;

import java.util.Locale;

/** Which number of a {@link RougeScore} a ROUGE SQL function returns: {@code 'p'}, {@code 'r'} or {@code 'f'}. */
enum RougeComponent {
    PRECISION, RECALL, FMEASURE;

    /** {@code p|precision}, {@code r|recall}, {@code f|fmeasure|f1}, any case. */
    static RougeComponent parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "p":
            case "precision":
                return PRECISION;
            case "r":
            case "recall":
                return RECALL;
            case "f":
            case "f1":
            case "fmeasure":
                return FMEASURE;
            default:
                throw new IllegalArgumentException("unknown ROUGE component '" + name + "'; valid: 'p', 'r', 'f'");
        }
    }

    double of(RougeScore score) {
        switch (this) {
            case PRECISION:
                return score.precision();
            case RECALL:
                return score.recall();
            default:
                return score.fmeasure();
        }
    }
}
