package io.llmeval.udfs.rouge;

/**
 * Interns long keys to dense ids 0, 1, 2, ... in insertion order; {@link #reset} forgets all keys in
 * O(1) by bumping a stamp instead of clearing arrays. Used to number n-grams as (prefix id, token id)
 * pairs. Not thread-safe.
 */
final class LongIntTable {

    private long[] keys = new long[0];
    private int[] values = new int[0];
    private int[] stamps = new int[0];
    private int stamp;
    private int size;

    /** Forgets all keys and makes room for {@code expectedKeys} without rehashing. */
    void reset(int expectedKeys) {
        size = 0;
        int capacity = Integer.highestOneBit(Math.max(16, expectedKeys * 2 - 1)) << 1;
        if (capacity > keys.length) {
            keys = new long[capacity];
            values = new int[capacity];
            stamps = new int[capacity];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            stamp = 1;
        }
    }

    /** The id of {@code key}, assigning the next one if it is new; at most the expected count of keys. */
    int intern(long key) {
        int mask = keys.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (stamps[slot] == stamp) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        stamps[slot] = stamp;
        keys[slot] = key;
        values[slot] = size;
        return size++;
    }

    int size() {
        return size;
    }
}
