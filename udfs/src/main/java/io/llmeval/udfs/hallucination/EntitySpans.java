package io.llmeval.udfs.hallucination;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Named-entity-like spans: runs of capitalised words, found on the original text (any script with case:
 * "Hà Nội", "Zooey Deschanel", "ABC", "Straße" after a capital).
 *
 * <p>A word is a run of letters, digits and combining marks, with inner apostrophes and hyphens
 * ("O'Neil", "Albany-Schenectady"); it is capitalised when its first character is upper or title case.
 * Capitalised words separated only by spaces or tabs form one span, and a few lower-case connectors
 * ({@link #CONNECTORS}: "of", "the", "de", "von", ...) may sit inside a span when a capitalised word follows
 * ("Bank of America", "Little House on the Prairie" gives "Little House" and "Prairie"). Any punctuation or a
 * line break ends a span. There is no sentence-start rule: a sentence-initial "The" or "No" is removed later
 * as a stopword, and a sentence-initial common noun is checked like a name (it is usually found in the
 * reference anyway).
 */
final class EntitySpans {

    /** Lower-case words allowed inside a span, between capitalised words. */
    static final Set<String> CONNECTORS = Set.of("of", "the", "de", "da", "del", "della", "der", "des", "di",
            "du", "la", "le", "van", "von", "den", "y", "al", "bin");

    private EntitySpans() {
    }

    /** The spans of {@code text}, as written, in order of appearance. */
    static List<String> find(String text) {
        List<String> spans = new ArrayList<>();
        int n = text.length();
        int spanStart = -1;   // start of the open span
        int spanEnd = -1;     // end of its last capitalised word
        boolean gapIsBlank = true; // only spaces/tabs (and connectors) since spanEnd
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                if (cp != ' ' && cp != '\t') {
                    gapIsBlank = false;
                }
                i += Character.charCount(cp);
                continue;
            }
            int wordStart = i;
            i = wordEnd(text, i);
            boolean capitalised = Character.isUpperCase(cp) || Character.isTitleCase(cp);
            if (capitalised) {
                if (spanStart >= 0 && !gapIsBlank) {
                    spans.add(text.substring(spanStart, spanEnd));
                    spanStart = -1;
                }
                if (spanStart < 0) {
                    spanStart = wordStart;
                }
                spanEnd = i;
                gapIsBlank = true;
            } else if (spanStart >= 0) {
                String word = text.substring(wordStart, i);
                if (!(gapIsBlank && CONNECTORS.contains(word))) {
                    spans.add(text.substring(spanStart, spanEnd));
                    spanStart = -1;
                }
            }
        }
        if (spanStart >= 0) {
            spans.add(text.substring(spanStart, spanEnd));
        }
        return spans;
    }

    /**
     * Folds a token for entity matching: lower-case, accents removed ("hà nội" → "ha noi", "đ" → "d",
     * "ß" → "ss"), so a name written with or without diacritics matches.
     */
    static String fold(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 0x80;
        }
        if (ascii) {
            return lower;
        }
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (cp == 'đ') {
                out.append('d');
            } else if (cp == 'ß') {
                out.append("ss");
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static int wordEnd(String text, int i) {
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (isWordChar(cp)) {
                i += width;
            } else if (isJoiner(cp) && i + width < n && isWordChar(text.codePointAt(i + width))) {
                i += width;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isJoiner(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '-' || cp == '\u2010';
    }
}
