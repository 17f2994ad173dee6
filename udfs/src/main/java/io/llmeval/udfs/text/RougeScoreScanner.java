package io.llmeval.udfs.text;

/**
 * {@link TokenizerMode#ROUGE_SCORE}: {@code rouge_score}'s tokenizer — Python's {@code str.lower()}, then
 * every run of characters outside {@code [a-z0-9]} separates tokens.
 *
 * <p>Only three kinds of character can survive as token characters after Python's lower-casing: ASCII
 * letters and digits, 'İ' (U+0130, lowered to "i" + a combining dot, which then separates) and the Kelvin
 * sign (U+212A, lowered to "k"). Every other character, including all non-ASCII letters, is a separator,
 * so the scan maps characters one by one instead of lower-casing the whole text.
 */
final class RougeScoreScanner {

    private RougeScoreScanner() {
    }

    /** Lower-cased token character for each ASCII char, or 0 for a separator. */
    private static final char[] ASCII_TOKEN_CHAR = new char[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_TOKEN_CHAR[c] = c;
            ASCII_TOKEN_CHAR[c - 'a' + 'A'] = c;
        }
        for (char c = '0'; c <= '9'; c++) {
            ASCII_TOKEN_CHAR[c] = c;
        }
    }

    /**
     * Scans {@code text}; {@code scratch} must hold at least {@code text.length()} chars. The text is copied
     * into it in bulk and tokens are compacted in place (a token char is never written ahead of the char
     * being read).
     */
    static void scan(String text, TokenSink sink, char[] scratch) {
        int n = text.length();
        text.getChars(0, n, scratch, 0);
        int start = 0;
        int end = 0;
        for (int i = 0; i < n; i++) {
            char c = scratch[i];
            char t = c < 128 ? ASCII_TOKEN_CHAR[c] : c == '\u212A' ? 'k' : 0;
            if (t != 0) {
                scratch[end++] = t;
                continue;
            }
            if (c == '\u0130') { // lowered to "i" + U+0307: an "i" that the combining dot then ends
                scratch[end++] = 'i';
            }
            if (end > start) {
                sink.token(scratch, start, end);
                start = end;
            }
            if (c == '\n') {
                sink.lineBreak();
            }
        }
        if (end > start) {
            sink.token(scratch, start, end);
        }
    }

    /** rouge_score stems every token longer than three characters (all tokens are ASCII here). */
    static boolean isStemmable(char[] chars, int start, int end) {
        return end - start > 3;
    }
}
