package io.llmeval.udfs.rouge;

import java.util.Arrays;

/**
 * The token ids of one text and its non-empty {@code '\n'}-separated sentences, reused from call to call.
 * Not thread-safe.
 */
final class TokenSequence {

    int[] ids = new int[256];
    int size;
    /** Sentence k spans ids[sentenceStarts[k], sentenceEnds[k]); sentences without tokens are left out. */
    int[] sentenceStarts = new int[32];
    int[] sentenceEnds = new int[32];
    int sentences;
    private int openSentenceStart;

    void reset() {
        size = 0;
        sentences = 0;
        openSentenceStart = 0;
    }

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    /** Ends the current sentence; called at each line break and once at the end of the text. */
    void endSentence() {
        if (size > openSentenceStart) {
            if (sentences == sentenceStarts.length) {
                sentenceStarts = Arrays.copyOf(sentenceStarts, sentences * 2);
                sentenceEnds = Arrays.copyOf(sentenceEnds, sentences * 2);
            }
            sentenceStarts[sentences] = openSentenceStart;
            sentenceEnds[sentences] = size;
            sentences++;
        }
        openSentenceStart = size;
    }
}
