package io.llmeval.udfs.rouge;

import io.llmeval.udfs.text.PorterStemmer;
import io.llmeval.udfs.text.TokenizerMode;

/**
 * Maps raw tokens to ids such that tokens with the same final form (after stemming, when on) share an id.
 * It doubles as the stem cache: each distinct raw token is stemmed once.
 *
 * <p>Bounded: once it holds more than {@code maxTokens} raw tokens it is emptied at the start of the next
 * call, so ids are only stable within one call — which is all a score needs. Not thread-safe (one per
 * thread, see {@link RougeWorkspace}).
 */
final class TokenVocabulary {

    private final TokenizerMode mode;
    private final PorterStemmer stemmer;
    private final int maxTokens;
    private final CharKeyTable rawTokens = new CharKeyTable();
    private final CharKeyTable finalForms = new CharKeyTable();
    private int nextId;

    TokenVocabulary(TokenizerMode mode, boolean stem, int maxTokens) {
        this.mode = mode;
        this.stemmer = stem ? PorterStemmer.nltk() : null;
        this.maxTokens = maxTokens;
    }

    /** Call before tokenizing a pair: the only point where the vocabulary may be emptied. */
    void beginCall() {
        if (rawTokens.size() > maxTokens || rawTokens.poolChars() > maxTokens * 32) {
            rawTokens.clear();
            finalForms.clear();
            nextId = 0;
        }
    }

    /** Ids handed out so far: every id is below this. */
    int idLimit() {
        return nextId;
    }

    int idOf(char[] chars, int start, int end) {
        int hash = CharKeyTable.hash(chars, start, end);
        int id = rawTokens.get(chars, start, end, hash);
        if (id >= 0) {
            return id;
        }
        if (stemmer == null) {
            id = nextId++;
        } else {
            id = finalFormId(chars, start, end);
        }
        rawTokens.putAbsent(chars, start, end, hash, id);
        return id;
    }

    private int finalFormId(char[] chars, int start, int end) {
        char[] form = chars;
        int formStart = start;
        int formEnd = end;
        if (mode.isStemmable(chars, start, end)) {
            form = stemmer.stem(new String(chars, start, end - start)).toCharArray();
            formStart = 0;
            formEnd = form.length;
        }
        int hash = CharKeyTable.hash(form, formStart, formEnd);
        int id = finalForms.get(form, formStart, formEnd, hash);
        if (id < 0) {
            id = nextId++;
            finalForms.putAbsent(form, formStart, formEnd, hash, id);
        }
        return id;
    }
}
