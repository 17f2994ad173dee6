package io.llmeval.udfs.rouge;

import java.util.Arrays;

/**
 * ROUGE-Lsum exactly as {@code rouge_score}'s {@code _summary_level_lcs}: for each reference sentence, the
 * union of the reference positions on the LCS with each candidate sentence (the LCS {@code _backtrack_norec}
 * picks); a union token is a hit while both its remaining reference and candidate counts are positive,
 * and each hit uses one of each. P = hits / candidate tokens, R = hits / reference tokens.
 *
 * <p>Because a sentence's union is a set, and the token-count bookkeeping only caps each token type at
 * its counts, the order in which sentence pairs are visited does not change the result; masks are built
 * once per candidate sentence. Scratch arrays are reused; not thread-safe.
 */
final class SummaryLcs {

    private boolean[] marked = new boolean[256];
    private int[] refCounts = new int[256];
    private int[] candCounts = new int[256];

    /** ROUGE-Lsum of two sequences whose token ids are below {@code alphabet}. */
    RougeScore score(TokenSequence ref, TokenSequence cand, int alphabet, BitParallelLcs lcs) {
        if (ref.size == 0 || cand.size == 0) {
            return RougeScore.ZERO;
        }
        if (marked.length < ref.size) {
            marked = new boolean[Math.max(ref.size, marked.length * 2)];
        }
        Arrays.fill(marked, 0, ref.size, false);
        lcs.ensureAlphabet(alphabet);
        for (int c = 0; c < cand.sentences; c++) {
            lcs.setColumns(cand.ids, cand.sentenceStarts[c], cand.sentenceEnds[c]);
            for (int r = 0; r < ref.sentences; r++) {
                lcs.markLcs(ref.ids, ref.sentenceStarts[r], ref.sentenceEnds[r], marked);
            }
            lcs.clearColumns();
        }
        if (refCounts.length < alphabet) {
            refCounts = new int[Math.max(alphabet, refCounts.length * 2)];
            candCounts = new int[refCounts.length];
        }
        Arrays.fill(refCounts, 0, alphabet, 0);
        Arrays.fill(candCounts, 0, alphabet, 0);
        for (int i = 0; i < ref.size; i++) {
            refCounts[ref.ids[i]]++;
        }
        for (int i = 0; i < cand.size; i++) {
            candCounts[cand.ids[i]]++;
        }
        long hits = 0;
        for (int p = 0; p < ref.size; p++) {
            if (marked[p]) {
                int id = ref.ids[p];
                if (candCounts[id] > 0 && refCounts[id] > 0) {
                    hits++;
                    candCounts[id]--;
                    refCounts[id]--;
                }
            }
        }
        return RougeScore.of(hits, cand.size, ref.size);
    }
}
