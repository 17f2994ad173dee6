package io.llmeval.udfs.text;

/**
 * Receives the raw (unstemmed, lower-cased) tokens of a text from {@link TokenizerMode#scan}, without
 * a {@code String} per token.
 *
 * <pre>{@code
 * TokenizerMode.ROUGE_SCORE.scan("Hello, world", (chars, start, end) ->
 *         System.out.println(new String(chars, start, end - start)));
 * }</pre>
 */
@FunctionalInterface
public interface TokenSink {

    /** One token: {@code chars[start, end)}. The array is only valid during the call. */
    void token(char[] chars, int start, int end);

    /** A {@code '\n'} in the text: the sentence boundary of ROUGE-Lsum. */
    default void lineBreak() {
    }
}
