package io.llmeval.udfs.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * {@link TokenizerMode#UNICODE}: NFKC, lower-casing by {@code Locale.ROOT}, then tokens are runs that start
 * with a letter or decimal digit and continue with letters, digits and combining marks.
 *
 * <p>A mark only extends a token: a stray variation selector after an emoji is a separator, not a token.
 * On ASCII text this gives exactly the {@link TokenizerMode#ROUGE_SCORE} tokens.
 */
final class UnicodeScanner {

    private UnicodeScanner() {
    }

    /** Scans {@code text}; uses {@code scratch} when the normalized text fits in it. */
    static void scan(String text, TokenSink sink, char[] scratch) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int n = normalized.length();
        char[] chars = scratch != null && scratch.length >= n ? scratch : new char[n];
        normalized.getChars(0, n, chars, 0);
        int start = -1;
        int i = 0;
        while (i < n) {
            int cp = Character.codePointAt(chars, i, n);
            int width = Character.charCount(cp);
            if (start >= 0) {
                if (!isTokenStart(cp) && !isMark(cp)) {
                    sink.token(chars, start, i);
                    start = -1;
                }
            } else if (isTokenStart(cp)) {
                start = i;
            }
            if (cp == '\n') {
                sink.lineBreak();
            }
            i += width;
        }
        if (start >= 0) {
            sink.token(chars, start, n);
        }
    }

    /** Only all-ASCII tokens are stemmed (the stemmer is English), and like rouge_score only past 3 chars. */
    static boolean isStemmable(char[] chars, int start, int end) {
        if (end - start <= 3) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenStart(int cp) {
        return Character.isLetter(cp) || Character.isDigit(cp);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
