package io.llmeval.udfs.rouge;

import java.util.Arrays;

/**
 * Longest common subsequence of two id sequences, 64 DP cells per word operation (Allison–Dix /
 * Hyyrö: {@code V' = (V + (V & M)) | (V & ~M)}, with carries across words for columns beyond 64).
 *
 * <p>Usage: {@link #setColumns} once for the column sequence, then {@link #length} or {@link #markLcs} for
 * any number of row sequences, then {@link #clearColumns}. After row {@code i}, a zero at bit {@code j - 1}
 * of {@code V} means {@code T[i][j] = T[i][j-1] + 1} in the classic table {@code T}, so keeping every row's
 * {@code V} lets {@link #markLcs} walk back through {@code T} exactly as {@code rouge_score}'s
 * {@code _backtrack_norec} does, and so pick the same LCS, which ROUGE-Lsum's union depends on.
 *
 * <p>Ids must be in {@code [0, alphabet)} as given to {@link #ensureAlphabet}. Scratch arrays are reused;
 * not thread-safe.
 */
final class BitParallelLcs {

    private int[] slotOf = new int[0]; // id -> mask slot, -1 if the id is not in the columns
    private long[] masks = new long[64];
    private long[] v = new long[4];
    private long[] rowVectors = new long[256];

    private int[] columnIds;
    private int columnStart;
    private int columns;
    private int words;

    /** Makes ids up to {@code alphabet - 1} usable. */
    void ensureAlphabet(int alphabet) {
        if (alphabet > slotOf.length) {
            int old = slotOf.length;
            slotOf = Arrays.copyOf(slotOf, Math.max(alphabet, old * 2));
            Arrays.fill(slotOf, old, slotOf.length, -1);
        }
    }

    /** Builds one match mask per distinct id of {@code ids[start, end)}, the columns of the table. */
    void setColumns(int[] ids, int start, int end) {
        columnIds = ids;
        columnStart = start;
        columns = end - start;
        words = (columns + 63) >>> 6;
        if (v.length < words) {
            v = new long[words * 2];
        }
        int slots = 0;
        for (int j = 0; j < columns; j++) {
            int id = ids[start + j];
            int slot = slotOf[id];
            if (slot < 0) {
                slot = slots++;
                slotOf[id] = slot;
                int base = slot * words;
                if (base + words > masks.length) {
                    masks = Arrays.copyOf(masks, Math.max(masks.length * 2, base + words));
                }
                Arrays.fill(masks, base, base + words, 0L);
            }
            masks[slot * words + (j >>> 6)] |= 1L << j;
        }
    }

    /** Forgets the columns (resets only the slots they used). */
    void clearColumns() {
        for (int j = 0; j < columns; j++) {
            slotOf[columnIds[columnStart + j]] = -1;
        }
        columns = 0;
    }

    /** LCS length of {@code ids[start, end)} (rows) against the columns. */
    int length(int[] ids, int start, int end) {
        if (columns == 0 || end <= start) {
            return 0;
        }
        if (words == 1) {
            long row = -1L;
            for (int i = start; i < end; i++) {
                int slot = slotOf[ids[i]];
                if (slot >= 0) {
                    long u = row & masks[slot];
                    row = (row + u) | (row - u);
                }
            }
            return Long.bitCount(~row & lowBits(columns));
        }
        long[] vec = v;
        Arrays.fill(vec, 0, words, -1L);
        for (int i = start; i < end; i++) {
            int slot = slotOf[ids[i]];
            if (slot >= 0) {
                advance(vec, 0, vec, 0, slot * words);
            }
        }
        return zerosBefore(vec, 0, columns);
    }

    /**
     * Sets {@code marked[p]} for each row position {@code p} in {@code ids[start, end)} on the LCS that
     * {@code rouge_score}'s backtrack picks (rows = reference sentence, columns = candidate sentence).
     * Returns the LCS length.
     */
    int markLcs(int[] ids, int start, int end, boolean[] marked) {
        int rows = end - start;
        if (columns == 0 || rows == 0) {
            return 0;
        }
        int w = words;
        if (rowVectors.length < rows * w) {
            rowVectors = new long[Math.max(rows * w, rowVectors.length * 2)];
        }
        long[] vec = rowVectors;
        // Row i (1-based) is stored at (i - 1) * w; row 0 is all ones and never stored.
        boolean anyMatch = w == 1 ? forwardOneWord(ids, start, rows) : forward(ids, start, rows);
        if (!anyMatch) {
            return 0;
        }
        int length = zerosBefore(vec, (rows - 1) * w, columns);
        // Walk back from T[rows][columns]: cur = T[i][j], up = T[i-1][j].
        int i = rows;
        int j = columns;
        int cur = length;
        int up = rank(i - 1, j);
        while (cur > 0) {
            if (ids[start + i - 1] == columnIds[columnStart + j - 1]) {
                marked[start + i - 1] = true;
                i--;
                j--;
                cur--;
                if (cur > 0) {
                    up = rank(i - 1, j);
                }
            } else {
                int left = cur - step(i, j - 1);
                if (left > up) {
                    up -= step(i - 1, j - 1);
                    j--;
                    cur = left;
                } else {
                    i--;
                    cur = up;
                    if (cur > 0) {
                        up = rank(i - 1, j);
                    }
                }
            }
        }
        return length;
    }

    /** The forward pass for sentences of at most 64 columns (the common case): one word per row. */
    private boolean forwardOneWord(int[] ids, int start, int rows) {
        long[] vec = rowVectors;
        long row = -1L;
        boolean anyMatch = false;
        for (int i = 0; i < rows; i++) {
            int slot = slotOf[ids[start + i]];
            if (slot >= 0) {
                long u = row & masks[slot];
                row = (row + u) | (row - u);
                anyMatch = true;
            }
            vec[i] = row;
        }
        return anyMatch;
    }

    private boolean forward(int[] ids, int start, int rows) {
        int w = words;
        long[] vec = rowVectors;
        boolean anyMatch = false;
        for (int i = 0; i < rows; i++) {
            int to = i * w;
            int slot = slotOf[ids[start + i]];
            if (i == 0) {
                Arrays.fill(vec, 0, w, -1L);
                if (slot >= 0) {
                    advance(vec, 0, vec, 0, slot * w);
                    anyMatch = true;
                }
            } else if (slot >= 0) {
                advance(vec, to - w, vec, to, slot * w);
                anyMatch = true;
            } else {
                System.arraycopy(vec, to - w, vec, to, w);
            }
        }
        return anyMatch;
    }

    /** {@code T[row][j]}: zeros of the row's vector below bit {@code j}. */
    private int rank(int row, int j) {
        return row == 0 ? 0 : zerosBefore(rowVectors, (row - 1) * words, j);
    }

    /** {@code T[row][p + 1] - T[row][p]}. */
    private int step(int row, int p) {
        if (row == 0) {
            return 0;
        }
        long word = rowVectors[(row - 1) * words + (p >>> 6)];
        return (int) (~(word >>> p) & 1L);
    }

    /** One DP row: {@code to = (from + u) | (from - u)} with {@code u = from & mask}, carry across words. */
    private void advance(long[] src, int from, long[] dst, int to, int maskBase) {
        long carry = 0;
        for (int k = 0; k < words; k++) {
            long x = src[from + k];
            long u = x & masks[maskBase + k];
            long sum = x + u + carry;
            carry = ((x & u) | ((x | u) & ~sum)) >>> 63;
            dst[to + k] = sum | (x - u);
        }
    }

    private static int zerosBefore(long[] vec, int base, int bits) {
        int zeros = 0;
        int full = bits >>> 6;
        for (int k = 0; k < full; k++) {
            zeros += Long.bitCount(~vec[base + k]);
        }
        int rest = bits & 63;
        if (rest != 0) {
            zeros += Long.bitCount(~vec[base + full] & lowBits(rest));
        }
        return zeros;
    }

    private static long lowBits(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }
}
