package io.llmeval.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic English for the ROUGE benchmark: a built-in vocabulary of common words and
 * their inflections drawn with a Zipf-like skew, cut into capitalized, punctuated sentences, one per line
 * (as summaries are fed to ROUGE-Lsum). Candidates are noisy rewrites of their reference.
 *
 * <pre>{@code
 * RougeBenchCorpus corpus = new RougeBenchCorpus(42L);
 * String reference = corpus.text(100);
 * String candidate = corpus.rewrite(reference, 400);
 * }</pre>
 *
 * <p>The same seed gives the same texts on every machine (no dictionary file is read). Not thread-safe.
 */
final class RougeBenchCorpus {

    private static final String BASE_WORDS = String.join(" ",
            "the of and to a in is it you that he was for on are with as his they be at one have this from",
            "or had by hot word but what some we can out other were all there when up use your how said an each",
            "she which do their time if will way about many then them write would like so these her long make",
            "thing see him two has look more day could go come did number sound no most people my over know water",
            "than call first who may down side been now find any new work part take get place made live where after",
            "back little only round man year came show every good me give our under name very through just form",
            "sentence great think say help low line differ turn cause much mean before move right boy old too same",
            "tell does set three want air well also play small end put home read hand port large spell add even land",
            "here must big high such follow act why ask men change went light kind off need house picture try us",
            "again animal point mother world near build self earth father head stand own page should country found",
            "answer school grow study still learn plant cover food sun four between state keep eye never last let",
            "thought city tree cross farm hard start might story saw far sea draw left late run while press close",
            "night real life few north open seem together next white children begin got walk example ease paper",
            "group always music those both mark often letter until mile river car feet care second book carry took",
            "science eat room friend began idea fish mountain stop once base hear horse cut sure watch color face",
            "wood main enough plain girl usual young ready above ever red list though feel talk bird soon body dog",
            "family direct pose leave song measure door product black short numeral class wind question happen",
            "complete ship area half rock order fire south problem piece told knew pass since top whole king space",
            "heard best hour better true during hundred five remember step early hold west ground interest reach",
            "fast verb sing listen six table travel less morning ten simple several vowel toward war lay against",
            "pattern slow center love person money serve appear road map rain rule govern pull cold notice voice",
            "unit power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field",
            "rest correct able pound done beauty drive stood contain front teach week final gave green quick develop",
            "ocean warm free minute strong special mind behind clear tail produce fact street inch multiply nothing",
            "course stay wheel full force blue object decide surface deep moon island foot system busy test record",
            "boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape equate miss",
            "brought heat snow tire bring yes distant fill east paint language among model evaluation generation",
            "response request latency token summary reference candidate accuracy hallucination retrieval context",
            "additional national relational connection happiness generously operational conditional effective");

    private static final String[] SUFFIXES = {"", "", "", "", "s", "ed", "ing", "ly", "er", "ness", "ation"};

    private final Random random;
    private final String[] vocabulary;

    RougeBenchCorpus(long seed) {
        this.random = new Random(seed);
        List<String> words = new ArrayList<>();
        Random forms = new Random(seed ^ 0x5DEECE66DL);
        for (String base : BASE_WORDS.split("\\s+")) {
            words.add(base);
            if (base.length() > 3) {
                words.add(base + SUFFIXES[forms.nextInt(SUFFIXES.length)]);
            }
        }
        this.vocabulary = words.toArray(new String[0]);
    }

    int vocabularySize() {
        return vocabulary.length;
    }

    /** About {@code tokens} words in sentences of 6 to 25 words, one sentence per line. */
    String text(int tokens) {
        StringBuilder sb = new StringBuilder(tokens * 7);
        int left = tokens;
        while (left > 0) {
            int length = Math.min(left, 6 + random.nextInt(20));
            appendSentence(sb, length);
            left -= length;
        }
        return sb.toString();
    }

    /**
     * A candidate of about {@code tokens} words made from {@code reference}: its words with 20% dropped,
     * swapped or replaced, followed by new sentences when the candidate is to be longer.
     */
    String rewrite(String reference, int tokens) {
        StringBuilder sb = new StringBuilder(tokens * 7);
        int written = 0;
        for (String line : reference.split("\n")) {
            String[] words = line.split(" ");
            for (int i = 0; i < words.length && written < tokens; i++) {
                int op = random.nextInt(20);
                if (op == 0) {
                    continue; // dropped
                }
                String word = words[i];
                if (op == 1 && i + 1 < words.length) {
                    String next = words[i + 1];
                    words[i + 1] = word;
                    word = next;
                } else if (op == 2) {
                    word = nextWord();
                }
                sb.append(i == 0 ? "" : " ").append(word);
                written++;
            }
            sb.append('\n');
        }
        if (written < tokens) {
            sb.append(text(tokens - written));
        }
        return sb.toString();
    }

    private void appendSentence(StringBuilder sb, int length) {
        for (int i = 0; i < length; i++) {
            String word = nextWord();
            if (i == 0) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                sb.append(' ').append(word);
            }
            if (i + 1 < length && random.nextInt(10) == 0) {
                sb.append(',');
            }
        }
        sb.append(random.nextInt(8) == 0 ? "?" : ".").append('\n');
    }

    /** Zipf-like: the square of a uniform draw favours the front of the list. */
    private String nextWord() {
        double u = random.nextDouble();
        return vocabulary[(int) (u * u * vocabulary.length)];
    }
}
