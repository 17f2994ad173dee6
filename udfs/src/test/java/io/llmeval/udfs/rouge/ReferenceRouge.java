package io.llmeval.udfs.rouge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A deliberately plain restatement of {@code rouge_score}'s scoring over token lists — full DP tables,
 * hash maps, no tricks — used as the oracle for randomized tests of the fast implementation.
 */
final class ReferenceRouge {

    private ReferenceRouge() {
    }

    static RougeScore ngrams(List<String> ref, List<String> cand, int n) {
        Map<List<String>, Integer> refGrams = count(ref, n);
        Map<List<String>, Integer> candGrams = count(cand, n);
        long overlap = 0;
        for (Map.Entry<List<String>, Integer> e : refGrams.entrySet()) {
            overlap += Math.min(e.getValue(), candGrams.getOrDefault(e.getKey(), 0));
        }
        long refTotal = Math.max(1, ref.size() - n + 1);
        long candTotal = Math.max(1, cand.size() - n + 1);
        double p = (double) overlap / candTotal;
        double r = (double) overlap / refTotal;
        return new RougeScore(p, r, RougeScore.fmeasure(p, r));
    }

    static RougeScore lcs(List<String> ref, List<String> cand) {
        if (ref.isEmpty() || cand.isEmpty()) {
            return RougeScore.ZERO;
        }
        int length = table(ref, cand)[ref.size()][cand.size()];
        double p = (double) length / cand.size();
        double r = (double) length / ref.size();
        return new RougeScore(p, r, RougeScore.fmeasure(p, r));
    }

    static RougeScore summaryLcs(List<List<String>> refSentences, List<List<String>> candSentences) {
        int m = refSentences.stream().mapToInt(List::size).sum();
        int n = candSentences.stream().mapToInt(List::size).sum();
        if (m == 0 || n == 0) {
            return RougeScore.ZERO;
        }
        Map<String, Integer> refCounts = new HashMap<>();
        Map<String, Integer> candCounts = new HashMap<>();
        refSentences.forEach(s -> s.forEach(t -> refCounts.merge(t, 1, Integer::sum)));
        candSentences.forEach(s -> s.forEach(t -> candCounts.merge(t, 1, Integer::sum)));
        int hits = 0;
        for (List<String> r : refSentences) {
            TreeSet<Integer> union = new TreeSet<>();
            for (List<String> c : candSentences) {
                union.addAll(lcsPositions(r, c));
            }
            for (int position : union) {
                String t = r.get(position);
                if (candCounts.getOrDefault(t, 0) > 0 && refCounts.getOrDefault(t, 0) > 0) {
                    hits++;
                    candCounts.merge(t, -1, Integer::sum);
                    refCounts.merge(t, -1, Integer::sum);
                }
            }
        }
        double p = (double) hits / n;
        double r = (double) hits / m;
        return new RougeScore(p, r, RougeScore.fmeasure(p, r));
    }

    /** {@code _backtrack_norec}: the reference positions of the LCS it picks, ascending. */
    static <T> List<Integer> lcsPositions(List<T> ref, List<T> cand) {
        int[][] t = table(ref, cand);
        List<Integer> positions = new ArrayList<>();
        int i = ref.size();
        int j = cand.size();
        while (i > 0 && j > 0) {
            if (ref.get(i - 1).equals(cand.get(j - 1))) {
                positions.add(0, i - 1);
                i--;
                j--;
            } else if (t[i][j - 1] > t[i - 1][j]) {
                j--;
            } else {
                i--;
            }
        }
        return positions;
    }

    static <T> int[][] table(List<T> ref, List<T> cand) {
        int[][] t = new int[ref.size() + 1][cand.size() + 1];
        for (int i = 1; i <= ref.size(); i++) {
            for (int j = 1; j <= cand.size(); j++) {
                t[i][j] = ref.get(i - 1).equals(cand.get(j - 1))
                        ? t[i - 1][j - 1] + 1
                        : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t;
    }

    private static Map<List<String>, Integer> count(List<String> tokens, int n) {
        Map<List<String>, Integer> grams = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            grams.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return grams;
    }
}
