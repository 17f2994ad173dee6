package io.llmeval.udfs.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The Porter stemmer exactly as NLTK 3.8's {@code PorterStemmer()} runs it in its default
 * {@code NLTK_EXTENSIONS} mode, which is the stemmer Google's {@code rouge_score} uses.
 *
 * <pre>{@code
 * PorterStemmer stemmer = PorterStemmer.nltk();
 * stemmer.stem("additionally"); // "addit"
 * stemmer.stem("abbey");        // "abbey" (original Porter gives "abbei")
 * stemmer.stem("skies");        // "sky"   (irregular form)
 * }</pre>
 *
 * <p>NLTK's extensions over the published algorithm, all reproduced here:
 * <ul>
 *   <li>an irregular-forms pool checked first ({@code skies→sky}, {@code dying→die}, {@code news→news}, ...);
 *   <li>words of one or two characters are returned lower-cased, unstemmed;
 *   <li>step 1a: a four-letter word ending in {@code ies} becomes {@code ie} ({@code dies→die});
 *   <li>step 1b: {@code ied} becomes {@code ie} in four-letter words, else {@code i};
 *   <li>the {@code *o} (cvc) test also holds for a two-letter vowel-consonant stem;
 *   <li>step 1c: {@code y→i} only after a consonant that is not the first letter ({@code enjoy} stays);
 *   <li>step 2: {@code alli→al} is tried first and re-runs step 2, {@code bli→ble} replaces
 *       {@code abli→able}, and {@code fulli→ful} and {@code logi→log} (measure taken with the {@code l}) are added.
 * </ul>
 * As in NLTK, the first rule of a step whose suffix matches ends the step even when its condition fails.
 *
 * <p>Written from the published rules, not derived from other code. Positions are counted in code points
 * as Python does. Stateless and thread-safe; it does not cache — wrap it in a {@link StemCache} (or let
 * the ROUGE scorer's per-thread vocabulary cache it) when stemming a stream.
 */
public final class PorterStemmer {

    private static final PorterStemmer NLTK = new PorterStemmer();

    /** NLTK's pool of irregular forms, looked up on the word as given before any rule runs. */
    private static final Map<String, String> IRREGULAR_FORMS = Map.ofEntries(
            Map.entry("sky", "sky"), Map.entry("skies", "sky"),
            Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
            Map.entry("news", "news"),
            Map.entry("innings", "inning"), Map.entry("inning", "inning"),
            Map.entry("outings", "outing"), Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
            Map.entry("howe", "howe"),
            Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

    private static final Rule[] STEP2_RULES = {
        Rule.positive("ational", "ate"), Rule.positive("tional", "tion"),
        Rule.positive("enci", "ence"), Rule.positive("anci", "ance"),
        Rule.positive("izer", "ize"), Rule.positive("bli", "ble"),
        Rule.positive("alli", "al"), Rule.positive("entli", "ent"),
        Rule.positive("eli", "e"), Rule.positive("ousli", "ous"),
        Rule.positive("ization", "ize"), Rule.positive("ation", "ate"),
        Rule.positive("ator", "ate"), Rule.positive("alism", "al"),
        Rule.positive("iveness", "ive"), Rule.positive("fulness", "ful"),
        Rule.positive("ousness", "ous"), Rule.positive("aliti", "al"),
        Rule.positive("iviti", "ive"), Rule.positive("biliti", "ble"),
        Rule.positive("fulli", "ful"),
        // NLTK keeps the 'l' with the stem for the measure, so short stems like "geo" and "theo" qualify.
        new Rule("logi", "log", (w, stemLength) -> w.measure(stemLength + 1) > 0),
    };

    private static final Rule[] STEP3_RULES = {
        Rule.positive("icate", "ic"), Rule.positive("ative", ""),
        Rule.positive("alize", "al"), Rule.positive("iciti", "ic"),
        Rule.positive("ical", "ic"), Rule.positive("ful", ""),
        Rule.positive("ness", ""),
    };

    private static final Rule[] STEP4_RULES = {
        Rule.measureOverOne("al"), Rule.measureOverOne("ance"), Rule.measureOverOne("ence"),
        Rule.measureOverOne("er"), Rule.measureOverOne("ic"), Rule.measureOverOne("able"),
        Rule.measureOverOne("ible"), Rule.measureOverOne("ant"), Rule.measureOverOne("ement"),
        Rule.measureOverOne("ment"), Rule.measureOverOne("ent"),
        new Rule("ion", "", (w, stemLength) -> w.measure(stemLength) > 1
                && (w.at(stemLength - 1) == 's' || w.at(stemLength - 1) == 't')),
        Rule.measureOverOne("ou"), Rule.measureOverOne("ism"), Rule.measureOverOne("ate"),
        Rule.measureOverOne("iti"), Rule.measureOverOne("ous"), Rule.measureOverOne("ive"),
        Rule.measureOverOne("ize"),
    };

    /** The NLTK_EXTENSIONS stemmer; the same stateless instance every time. */
    public static PorterStemmer nltk() {
        return NLTK;
    }

    private PorterStemmer() {
    }

    /**
     * Stems one word. Like NLTK, the word is lower-cased first (Java's {@code Locale.ROOT} rules) and the
     * irregular-forms pool is consulted with the word as given.
     */
    public String stem(String word) {
        String pooled = IRREGULAR_FORMS.get(word);
        if (pooled != null) {
            return pooled;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (word.codePointCount(0, word.length()) <= 2) {
            return lower;
        }
        Word w = new Word(lower);
        step1a(w);
        step1b(w);
        step1c(w);
        step2(w);
        applyRuleList(w, STEP3_RULES);
        applyRuleList(w, STEP4_RULES);
        step5a(w);
        step5b(w);
        return w.toString();
    }

    private static void step1a(Word w) {
        if (w.endsWith("ies") && w.length() == 4) {
            w.replaceTail(3, "ie");
        } else if (w.endsWith("sses")) {
            w.replaceTail(4, "ss");
        } else if (w.endsWith("ies")) {
            w.replaceTail(3, "i");
        } else if (w.endsWith("ss")) {
            return;
        } else if (w.endsWith("s")) {
            w.replaceTail(1, "");
        }
    }

    private static void step1b(Word w) {
        if (w.endsWith("ied")) {
            w.replaceTail(3, w.length() == 4 ? "ie" : "i");
            return;
        }
        if (w.endsWith("eed")) {
            if (w.measure(w.length() - 3) > 0) {
                w.replaceTail(3, "ee");
            }
            return;
        }
        int stemLength;
        if (w.endsWith("ed") && w.containsVowel(w.length() - 2)) {
            stemLength = w.length() - 2;
        } else if (w.endsWith("ing") && w.containsVowel(w.length() - 3)) {
            stemLength = w.length() - 3;
        } else {
            return;
        }
        w.truncate(stemLength);
        if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) {
            w.append('e');
        } else if (w.endsDoubleConsonant(w.length())) {
            int last = w.at(w.length() - 1);
            if (last != 'l' && last != 's' && last != 'z') {
                w.truncate(w.length() - 1);
            }
        } else if (w.measure(w.length()) == 1 && w.endsCvc(w.length())) {
            w.append('e');
        }
    }

    private static void step1c(Word w) {
        // NLTK: y -> i only after a consonant, and not when that consonant is the whole stem.
        if (w.endsWith("y")) {
            int stemLength = w.length() - 1;
            if (stemLength > 1 && w.isConsonant(stemLength - 1)) {
                w.replaceTail(1, "i");
            }
        }
    }

    private static void step2(Word w) {
        // NLTK applies alli -> al ahead of the list and then runs step 2 again on the result.
        while (w.endsWith("alli") && w.measure(w.length() - 4) > 0) {
            w.replaceTail(4, "al");
        }
        applyRuleList(w, STEP2_RULES);
    }

    private static void step5a(Word w) {
        // Both conditions are tried (unlike a rule list), per NLTK.
        if (w.endsWith("e")) {
            int stemLength = w.length() - 1;
            int m = w.measure(stemLength);
            if (m > 1 || (m == 1 && !w.endsCvc(stemLength))) {
                w.truncate(stemLength);
            }
        }
    }

    private static void step5b(Word w) {
        if (w.endsWith("ll") && w.measure(w.length() - 1) > 1) {
            w.truncate(w.length() - 1);
        }
    }

    /** The first rule whose suffix matches decides the step, whether or not its condition holds. */
    private static void applyRuleList(Word w, Rule[] rules) {
        for (Rule rule : rules) {
            if (w.endsWith(rule.suffix)) {
                int stemLength = w.length() - rule.suffix.length();
                if (rule.condition.test(w, stemLength)) {
                    w.replaceTail(rule.suffix.length(), rule.replacement);
                }
                return;
            }
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean test(Word word, int stemLength);
    }

    private static final class Rule {
        final String suffix;
        final String replacement;
        final Condition condition;

        Rule(String suffix, String replacement, Condition condition) {
            this.suffix = suffix;
            this.replacement = replacement;
            this.condition = condition;
        }

        static Rule positive(String suffix, String replacement) {
            return new Rule(suffix, replacement, (w, stemLength) -> w.measure(stemLength) > 0);
        }

        static Rule measureOverOne(String suffix) {
            return new Rule(suffix, "", (w, stemLength) -> w.measure(stemLength) > 1);
        }
    }

    /** A word being stemmed: code points with a mutable length. */
    private static final class Word {
        private int[] cp;
        private int length;

        Word(String s) {
            int[] points = s.codePoints().toArray();
            cp = Arrays.copyOf(points, points.length + 2);
            length = points.length;
        }

        int length() {
            return length;
        }

        int at(int i) {
            return cp[i];
        }

        boolean endsWith(String suffix) {
            int n = suffix.length();
            if (n > length) {
                return false;
            }
            int offset = length - n;
            for (int i = 0; i < n; i++) {
                if (cp[offset + i] != suffix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        void truncate(int newLength) {
            length = newLength;
        }

        void append(int c) {
            if (length == cp.length) {
                cp = Arrays.copyOf(cp, length + 4);
            }
            cp[length++] = c;
        }

        void replaceTail(int suffixLength, String replacement) {
            length -= suffixLength;
            for (int i = 0; i < replacement.length(); i++) {
                append(replacement.charAt(i));
            }
        }

        private static boolean isVowel(int c) {
            return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
        }

        /** Porter's consonant test: 'y' is a consonant at the start or after a vowel. */
        boolean isConsonant(int i) {
            // Walk back over a run of 'y' iteratively; each 'y' flips the answer of the letter before it.
            int start = i;
            while (start >= 0 && cp[start] == 'y') {
                start--;
            }
            boolean baseConsonant = start < 0 || !isVowel(cp[start]);
            int ys = i - start; // number of y's in the run ending at i (0 if cp[i] is not 'y')
            if (ys == 0) {
                return baseConsonant;
            }
            if (start < 0) {
                // The run starts the word: the first 'y' is a consonant, then they alternate.
                return (ys - 1) % 2 == 0;
            }
            return (ys % 2 == 1) != baseConsonant;
        }

        /** Porter's m: the number of vowel→consonant transitions in the first {@code end} letters. */
        int measure(int end) {
            int m = 0;
            boolean previousConsonant = true;
            boolean previousVowel = false;
            for (int i = 0; i < end; i++) {
                boolean consonant = consonantAfter(i, previousConsonant);
                if (consonant && previousVowel) {
                    m++;
                }
                previousVowel = !consonant;
                previousConsonant = consonant;
            }
            return m;
        }

        boolean containsVowel(int end) {
            boolean previousConsonant = true;
            for (int i = 0; i < end; i++) {
                boolean consonant = consonantAfter(i, previousConsonant);
                if (!consonant) {
                    return true;
                }
                previousConsonant = consonant;
            }
            return false;
        }

        /** Consonant test at {@code i} given the answer at {@code i - 1} (ignored for i == 0). */
        private boolean consonantAfter(int i, boolean previousConsonant) {
            int c = cp[i];
            if (isVowel(c)) {
                return false;
            }
            if (c == 'y') {
                return i == 0 || !previousConsonant;
            }
            return true;
        }

        boolean endsDoubleConsonant(int end) {
            return end >= 2 && cp[end - 1] == cp[end - 2] && isConsonant(end - 1);
        }

        /** Porter's *o: consonant-vowel-consonant, the last not w, x or y; NLTK also accepts a 2-letter vc. */
        boolean endsCvc(int end) {
            if (end >= 3) {
                int last = cp[end - 1];
                if (isConsonant(end - 3) && !isConsonant(end - 2) && isConsonant(end - 1)
                        && last != 'w' && last != 'x' && last != 'y') {
                    return true;
                }
            }
            return end == 2 && !isConsonant(0) && isConsonant(1);
        }

        @Override
        public String toString() {
            return new String(cp, 0, length);
        }
    }
}
