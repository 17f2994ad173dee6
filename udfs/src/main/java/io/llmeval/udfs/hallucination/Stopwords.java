package io.llmeval.udfs.hallucination;

import java.util.Set;

/**
 * The English function words that {@link HallucinationScorer} does not count as content: a response that
 * adds "the", "was" or "it" asserts nothing the reference could contradict.
 *
 * <pre>{@code
 * Stopwords.isStopword("the");   // true
 * Stopwords.isStopword("delhi"); // false
 * }</pre>
 *
 * <p>The list (lower-case, matched against raw tokens before stemming): articles and conjunctions, common
 * prepositions, forms of <i>be/do/have</i> and the modal verbs, personal, possessive, demonstrative and
 * interrogative pronouns, a few quantifiers and adverbs, and the answer particles <i>yes</i> and <i>no</i>.
 * Comparatives ({@code more}, {@code older}), negations other than <i>no/not</i> and number words are content.
 * Besides this list, a token of one letter is not content (in the ROUGE tokenizer it is usually the debris
 * of an apostrophe or a non-ASCII letter: "Nixon's" gives {@code nixon s}).
 */
public final class Stopwords {

    /** The stop list, lower-case. */
    public static final Set<String> ENGLISH = Set.of(
            // articles, conjunctions, subordinators
            "a", "an", "the", "and", "or", "but", "nor", "if", "then", "else", "so", "than", "that", "as",
            // prepositions
            "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "over", "under", "about",
            "after", "before", "between", "through", "during", "without", "within", "upon", "up", "down", "out",
            "off",
            // be, do, have, modals
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing", "done",
            "have", "has", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might",
            "must",
            // pronouns and determiners
            "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his",
            "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "these", "those",
            "there", "here", "who", "whom", "whose", "which", "what", "when", "where", "why", "how",
            // quantifiers, adverbs, answer particles
            "not", "no", "yes", "also", "just", "only", "both", "either", "neither", "each", "all", "any",
            "some", "such", "very", "too");

    private Stopwords() {
    }

    public static boolean isStopword(String token) {
        return ENGLISH.contains(token);
    }
}
