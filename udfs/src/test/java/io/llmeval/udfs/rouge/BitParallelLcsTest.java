package io.llmeval.udfs.rouge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bit-parallel LCS against the plain DP table, on fixed and random sequences (fixed seeds). */
class BitParallelLcsTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "'', abc, 0",
        "abc, abc, 3",
        "abcbdab, bdcaba, 4",
        "aaaa, aa, 2",
        "abc, xyz, 0",
        "thequickbrownfox, quickfoxjumps, 8",
    })
    void lengthOfSmallCases(String a, String b, int expected) {
        assertThat(length(ids(a), ids(b))).isEqualTo(expected).isEqualTo(dp(ids(a), ids(b)));
    }

    @Test
    void lengthEqualsDpOnThousandsOfRandomSequences() {
        Random random = new Random(20240611L);
        BitParallelLcs lcs = new BitParallelLcs();
        for (int trial = 0; trial < 4000; trial++) {
            int alphabet = new int[] {2, 4, 26, 300}[trial % 4];
            int[] a = random(random, lengthFor(random, trial), alphabet);
            int[] b = random(random, lengthFor(random, trial + 1), alphabet);
            lcs.ensureAlphabet(alphabet);
            lcs.setColumns(b, 0, b.length);
            int actual = lcs.length(a, 0, a.length);
            lcs.clearColumns();
            assertThat(actual).as("trial %d: |a|=%d |b|=%d", trial, a.length, b.length).isEqualTo(dp(a, b));
        }
    }

    @Test
    void markedPositionsAreTheLcsRougeScoresBacktrackPicks() {
        Random random = new Random(7L);
        BitParallelLcs lcs = new BitParallelLcs();
        for (int trial = 0; trial < 3000; trial++) {
            int alphabet = new int[] {2, 3, 8, 40}[trial % 4];
            int[] ref = random(random, lengthFor(random, trial), alphabet);
            int[] cand = random(random, lengthFor(random, trial + 2), alphabet);
            // Sub-ranges check that offsets are honoured.
            int offset = random.nextInt(3);
            int[] padded = new int[ref.length + offset];
            System.arraycopy(ref, 0, padded, offset, ref.length);
            boolean[] marked = new boolean[padded.length];
            lcs.ensureAlphabet(alphabet);
            lcs.setColumns(cand, 0, cand.length);
            int length = lcs.markLcs(padded, offset, padded.length, marked);
            lcs.clearColumns();

            List<Integer> expected = ReferenceRouge.lcsPositions(boxed(ref), boxed(cand));
            List<Integer> actual = new ArrayList<>();
            for (int p = 0; p < ref.length; p++) {
                if (marked[offset + p]) {
                    actual.add(p);
                }
            }
            assertThat(actual).as("trial %d: |ref|=%d |cand|=%d", trial, ref.length, cand.length)
                    .isEqualTo(expected);
            assertThat(length).isEqualTo(expected.size());
        }
    }

    @Test
    void columnsCanBeReusedForManyRowSequences() {
        BitParallelLcs lcs = new BitParallelLcs();
        int[] columns = ids("abcabcabc");
        lcs.ensureAlphabet(128);
        lcs.setColumns(columns, 0, columns.length);
        assertThat(lcs.length(ids("abc"), 0, 3)).isEqualTo(3);
        assertThat(lcs.length(ids("cba"), 0, 3)).isEqualTo(3);
        assertThat(lcs.length(ids("aaaa"), 0, 4)).isEqualTo(3);
        assertThat(lcs.length(ids("xyz"), 0, 3)).isZero();
        lcs.clearColumns();
        lcs.setColumns(ids("zzz"), 0, 3);
        assertThat(lcs.length(ids("abc"), 0, 3)).isZero();
        assertThat(lcs.length(ids("zz"), 0, 2)).isEqualTo(2);
    }

    /** Mostly around the 64-bit word boundaries, sometimes up to 400. */
    private static int lengthFor(Random random, int trial) {
        switch (trial % 5) {
            case 0:
                return random.nextInt(8);
            case 1:
                return 60 + random.nextInt(10);
            case 2:
                return 120 + random.nextInt(20);
            case 3:
                return random.nextInt(400);
            default:
                return random.nextInt(70);
        }
    }

    private static int length(int[] a, int[] b) {
        BitParallelLcs lcs = new BitParallelLcs();
        lcs.ensureAlphabet(128);
        lcs.setColumns(b, 0, b.length);
        return lcs.length(a, 0, a.length);
    }

    private static int dp(int[] a, int[] b) {
        return ReferenceRouge.table(boxed(a), boxed(b))[a.length][b.length];
    }

    private static int[] random(Random random, int length, int alphabet) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(alphabet);
        }
        return ids;
    }

    private static int[] ids(String s) {
        return s.chars().toArray();
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }
}
