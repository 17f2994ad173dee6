package io.llmeval.udfs.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns text into the token lists ROUGE compares: a {@link TokenizerMode} plus optional NLTK Porter stemming.
 *
 * <pre>{@code
 * Tokenizer tokenizer = Tokenizer.of(TokenizerMode.ROUGE_SCORE, true);
 * tokenizer.tokenize("The cats were running.");   // [the, cat, were, run]
 * tokenizer.tokenizeLines("One line.\n\nTwo lines."); // [[one, line], [two, line]]
 * }</pre>
 *
 * <p>Immutable and thread-safe; stems go through a shared bounded {@link StemCache}. Convenient rather
 * than fastest: it builds a {@code String} per token. Hot loops can use {@link TokenizerMode#scan} directly.
 */
public final class Tokenizer {

    private final TokenizerMode mode;
    private final StemCache stems;

    private Tokenizer(TokenizerMode mode, StemCache stems) {
        this.mode = mode;
        this.stems = stems;
    }

    /** A tokenizer for {@code mode}, stemming tokens longer than three characters when {@code stem}. */
    public static Tokenizer of(TokenizerMode mode, boolean stem) {
        Objects.requireNonNull(mode, "mode");
        return new Tokenizer(mode, stem ? new StemCache(StemCache.DEFAULT_CAPACITY) : null);
    }

    public TokenizerMode mode() {
        return mode;
    }

    public boolean stems() {
        return stems != null;
    }

    /** All tokens of {@code text}, in order. */
    public List<String> tokenize(String text) {
        List<List<String>> lines = collect(text, false);
        return lines.isEmpty() ? new ArrayList<>() : lines.get(0);
    }

    /**
     * The tokens of each line ({@code '\n'}-separated) as ROUGE-Lsum sees its sentences; lines without
     * tokens are left out (they change no score).
     */
    public List<List<String>> tokenizeLines(String text) {
        return collect(text, true);
    }

    private List<List<String>> collect(String text, boolean splitLines) {
        List<List<String>> lines = new ArrayList<>();
        List<String> first = new ArrayList<>();
        lines.add(first);
        mode.scan(text, new TokenSink() {
            private List<String> current = first;

            @Override
            public void token(char[] chars, int start, int end) {
                String token = new String(chars, start, end - start);
                current.add(stems != null && mode.isStemmable(chars, start, end) ? stems.stem(token) : token);
            }

            @Override
            public void lineBreak() {
                if (splitLines && !current.isEmpty()) {
                    current = new ArrayList<>();
                    lines.add(current);
                }
            }
        });
        if (splitLines && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
