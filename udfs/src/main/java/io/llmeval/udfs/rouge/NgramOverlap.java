package io.llmeval.udfs.rouge;

import java.util.Arrays;

/**
 * ROUGE-N exactly as {@code rouge_score}'s {@code _score_ngrams}: the overlap is the sum over reference
 * n-grams of min(count in reference, count in candidate); precision divides by the candidate's n-gram
 * count, recall by the reference's.
 *
 * <p>N-grams are numbered level by level, each (n-1)-gram id paired with the next token id in a
 * {@link LongIntTable}, so n-grams compare exactly without hashing collisions. Scratch arrays are
 * reused; not thread-safe.
 */
final class NgramOverlap {

    private final LongIntTable pairs = new LongIntTable();
    private int[] refGrams = new int[256];
    private int[] candGrams = new int[256];
    private int[] refCounts = new int[256];
    private int[] candCounts = new int[256];

    /** ROUGE-N of two sequences whose token ids are below {@code alphabet}. */
    RougeScore score(TokenSequence ref, TokenSequence cand, int n, int alphabet) {
        int refTotal = Math.max(0, ref.size - n + 1);
        int candTotal = Math.max(0, cand.size - n + 1);
        if (refTotal == 0 || candTotal == 0) {
            return RougeScore.ZERO;
        }
        int[] refIds = ref.ids;
        int[] candIds = cand.ids;
        int gramAlphabet = alphabet;
        if (n > 1) {
            refGrams = ensure(refGrams, ref.size);
            candGrams = ensure(candGrams, cand.size);
            System.arraycopy(ref.ids, 0, refGrams, 0, ref.size);
            System.arraycopy(cand.ids, 0, candGrams, 0, cand.size);
            for (int level = 2; level <= n; level++) {
                int refCount = ref.size - level + 1;
                int candCount = cand.size - level + 1;
                pairs.reset(refCount + candCount);
                extend(refGrams, ref.ids, refCount, level);
                extend(candGrams, cand.ids, candCount, level);
            }
            refIds = refGrams;
            candIds = candGrams;
            gramAlphabet = pairs.size();
        }
        refCounts = ensure(refCounts, gramAlphabet);
        candCounts = ensure(candCounts, gramAlphabet);
        Arrays.fill(refCounts, 0, gramAlphabet, 0);
        Arrays.fill(candCounts, 0, gramAlphabet, 0);
        for (int i = 0; i < refTotal; i++) {
            refCounts[refIds[i]]++;
        }
        for (int i = 0; i < candTotal; i++) {
            candCounts[candIds[i]]++;
        }
        long overlap = 0;
        for (int g = 0; g < gramAlphabet; g++) {
            overlap += Math.min(refCounts[g], candCounts[g]);
        }
        return RougeScore.of(overlap, candTotal, refTotal);
    }

    /** grams[i] := id of (grams[i], tokens[i + level - 1]) for the first {@code count} positions. */
    private void extend(int[] grams, int[] tokens, int count, int level) {
        for (int i = 0; i < count; i++) {
            grams[i] = pairs.intern(((long) grams[i] << 32) | (tokens[i + level - 1] & 0xFFFFFFFFL));
        }
    }

    private static int[] ensure(int[] array, int size) {
        return array.length >= size ? array : new int[Math.max(size, array.length * 2)];
    }
}
