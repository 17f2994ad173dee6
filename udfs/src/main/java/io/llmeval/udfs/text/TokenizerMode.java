package io.llmeval.udfs.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How text is cut into tokens for ROUGE and the other lexical signals.
 *
 * <pre>{@code
 * Tokenizer.of(TokenizerMode.ROUGE_SCORE, false).tokenize("Hà Nội có 12 quận"); // [h, n, i, c, 12, qu, n]
 * Tokenizer.of(TokenizerMode.UNICODE, false).tokenize("Hà Nội có 12 quận");     // [hà, nội, có, 12, quận]
 * }</pre>
 *
 * <p>Both modes treat {@code '\n'} as a separator and report it as a line break, and both stem (when asked)
 * only tokens longer than three characters. Both are deterministic and stateless.
 */
public enum TokenizerMode {

    /**
     * The default: exactly Google's {@code rouge_score} — Python's {@code str.lower()}, then every run of
     * characters outside {@code [a-z0-9]} is a separator. Non-ASCII letters split words ("Straße" gives
     * {@code stra e}); use it for scores comparable with published ROUGE figures.
     */
    ROUGE_SCORE {
        @Override
        public void scan(String text, TokenSink sink, char[] scratch) {
            RougeScoreScanner.scan(text, sink,
                    scratch != null && scratch.length >= text.length() ? scratch : new char[text.length()]);
        }

        @Override
        public boolean isStemmable(char[] chars, int start, int end) {
            return RougeScoreScanner.isStemmable(chars, start, end);
        }
    },

    /**
     * For non-English text: NFKC, Unicode lower-casing ({@code Locale.ROOT}), tokens are runs of letters,
     * combining marks and digits ("Straße" stays {@code straße}). Only all-ASCII tokens are stemmed, so on
     * ASCII text it gives the same tokens and scores as {@link #ROUGE_SCORE}.
     */
    UNICODE {
        @Override
        public void scan(String text, TokenSink sink, char[] scratch) {
            UnicodeScanner.scan(text, sink, scratch);
        }

        @Override
        public boolean isStemmable(char[] chars, int start, int end) {
            return UnicodeScanner.isStemmable(chars, start, end);
        }
    };

    /**
     * Feeds the raw (lower-cased, unstemmed) tokens of {@code text} to {@code sink}, and each {@code '\n'}
     * as a line break. {@code scratch} is an optional buffer to reuse (used when it has at least
     * {@code text.length()} chars; may be {@code null}).
     */
    public abstract void scan(String text, TokenSink sink, char[] scratch);

    /** Same as {@link #scan(String, TokenSink, char[])} without a reusable buffer. */
    public void scan(String text, TokenSink sink) {
        scan(text, sink, null);
    }

    /** Whether a raw token of this mode goes through the stemmer when stemming is on. */
    public abstract boolean isStemmable(char[] chars, int start, int end);

    /** The name on command lines and in configuration: {@code rouge-score}, {@code unicode}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The mode named {@code name}: its {@link #id()} or constant name, in any case, {@code _} and {@code -}
     * alike ({@code rouge-score}, {@code ROUGE_SCORE}, {@code unicode}).
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static TokenizerMode parse(String name) {
        return parse(name, IllegalArgumentException::new);
    }

    /** {@link #parse(String)} that throws {@code error.apply(message)} instead, e.g. a CLI's own exception type. */
    public static <E extends RuntimeException> TokenizerMode parse(String name, Function<String, E> error) {
        String id = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (TokenizerMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        throw error.apply("'" + name + "' is not a tokenizer; valid: "
                + Arrays.stream(values()).map(TokenizerMode::id).collect(Collectors.joining(", ")));
    }
}
