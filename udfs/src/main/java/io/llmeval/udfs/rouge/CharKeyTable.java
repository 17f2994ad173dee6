package io.llmeval.udfs.rouge;

import java.util.Arrays;

/**
 * Open-addressing map from char sequences to non-negative ints, looked up straight from a char range so
 * that a known token costs no allocation. Not thread-safe.
 *
 * <p>Laid out for few cache misses per lookup: a slot holds the key's hash beside its entry number, an
 * entry's offset, length and value sit together, and key chars live in one growing pool.
 */
final class CharKeyTable {

    private static final int ENTRY_INTS = 3; // offset, length, value

    private long[] slots = new long[1024]; // (hash << 32) | (entry + 1); 0 = empty
    private int[] entries = new int[512 * ENTRY_INTS];
    private char[] pool = new char[4096];
    private int poolSize;
    private int size;

    static int hash(char[] chars, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + chars[i];
        }
        // Spread the bits: String-style hashes of short tokens cluster in the low bits.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** The value stored for {@code chars[start, end)} (whose {@link #hash} is {@code hash}), or -1. */
    int get(char[] chars, int start, int end, int hash) {
        int mask = slots.length - 1;
        int length = end - start;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long s = slots[slot];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == hash) {
                int base = ((int) s - 1) * ENTRY_INTS;
                if (entries[base + 1] == length && sameChars(entries[base], chars, start, length)) {
                    return entries[base + 2];
                }
            }
        }
    }

    // A plain loop: tokens are a few chars, too short for Arrays.equals' range checks to pay off.
    private boolean sameChars(int offset, char[] chars, int start, int length) {
        char[] keys = pool;
        for (int i = 0; i < length; i++) {
            if (keys[offset + i] != chars[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** Stores a key known to be absent. */
    void putAbsent(char[] chars, int start, int end, int hash, int value) {
        if ((size + 1) * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        if ((size + 1) * ENTRY_INTS > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        int length = end - start;
        if (poolSize + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + length));
        }
        System.arraycopy(chars, start, pool, poolSize, length);
        int base = size * ENTRY_INTS;
        entries[base] = poolSize;
        entries[base + 1] = length;
        entries[base + 2] = value;
        poolSize += length;
        insertSlot(((long) hash << 32) | (size + 1));
        size++;
    }

    int size() {
        return size;
    }

    int poolChars() {
        return poolSize;
    }

    void clear() {
        Arrays.fill(slots, 0L);
        size = 0;
        poolSize = 0;
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = new long[capacity];
        for (long s : old) {
            if (s != 0) {
                insertSlot(s);
            }
        }
    }

    private void insertSlot(long s) {
        int mask = slots.length - 1;
        int slot = (int) (s >>> 32) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = s;
    }
}
