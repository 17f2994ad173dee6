package io.llmeval.udfs.rouge;

import io.llmeval.udfs.text.TokenSink;
import io.llmeval.udfs.text.TokenizerMode;

import java.util.Arrays;

/**
 * Everything one thread needs to score pairs without allocating per call: the vocabulary (and with it
 * the stem cache), the two token sequences, and the scratch of each metric. Token ids are made dense per
 * call (0 .. alphabet-1) so metric arrays stay small. Not thread-safe: {@link RougeScorer} keeps one per thread.
 */
final class RougeWorkspace {

    /** Raw tokens kept in the vocabulary before it is emptied: bounds it at about 20 MB per thread. */
    static final int MAX_VOCABULARY = 200_000;

    final TokenSequence reference = new TokenSequence();
    final TokenSequence candidate = new TokenSequence();
    final NgramOverlap ngrams = new NgramOverlap();
    final BitParallelLcs lcs = new BitParallelLcs();
    final SummaryLcs summary = new SummaryLcs();

    private final TokenizerMode mode;
    private final TokenVocabulary vocabulary;
    private final SequenceSink sink = new SequenceSink();
    private char[] scratch = new char[1024];
    /** Per vocabulary id: [stamp of the call that numbered it, its dense id], side by side for locality. */
    private int[] dense = new int[2048];
    private int stamp;
    private int alphabet;

    RougeWorkspace(TokenizerMode mode, boolean stem) {
        this.mode = mode;
        this.vocabulary = new TokenVocabulary(mode, stem, MAX_VOCABULARY);
    }

    /** Tokenizes both texts into {@link #reference} and {@link #candidate}. */
    void load(String referenceText, String candidateText) {
        vocabulary.beginCall();
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(dense, 0);
            stamp = 1;
        }
        alphabet = 0;
        tokenize(referenceText, reference);
        tokenize(candidateText, candidate);
    }

    /** Number of distinct tokens in the loaded pair; every id in the sequences is below it. */
    int alphabet() {
        return alphabet;
    }

    private void tokenize(String text, TokenSequence sequence) {
        sequence.reset();
        if (scratch.length < text.length()) {
            scratch = new char[Math.max(text.length(), scratch.length * 2)];
        }
        sink.target = sequence;
        mode.scan(text, sink, scratch);
        sequence.endSentence();
    }

    private int denseId(int vocabularyId) {
        int at = vocabularyId * 2;
        if (at >= dense.length) {
            dense = Arrays.copyOf(dense, Math.max(at + 2, dense.length * 2));
        }
        if (dense[at] != stamp) {
            dense[at] = stamp;
            dense[at + 1] = alphabet++;
        }
        return dense[at + 1];
    }

    private final class SequenceSink implements TokenSink {
        TokenSequence target;

        @Override
        public void token(char[] chars, int start, int end) {
            target.add(denseId(vocabulary.idOf(chars, start, end)));
        }

        @Override
        public void lineBreak() {
            target.endSentence();
        }
    }
}
