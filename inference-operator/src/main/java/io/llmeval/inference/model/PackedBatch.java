package io.llmeval.inference.model;

import static io.llmeval.inference.model.MiniLmConfig.MAX_POSITIONS;
import static io.llmeval.inference.model.MiniLmConfig.VOCAB;

/**
 * The token layout of one forward pass: the sequences' tokens one after another, without padding
 * ({@code T = sum of lengths} rows), and where each sequence starts. Built on the heap before any ND4J call.
 */
final class PackedBatch {

    final int size;
    final int tokens;
    final int maxLength;
    final int[] lengths;
    /** Row of each sequence's first token. */
    final int[] offsets;
    /** Token id of each packed row. */
    final int[] packedIds;
    /** Position (0-based, within its sequence) of each packed row. */
    final int[] packedPositions;

    private PackedBatch(int[][] ids) {
        size = ids.length;
        lengths = new int[size];
        offsets = new int[size];
        int total = 0;
        int longest = 0;
        for (int b = 0; b < size; b++) {
            int len = ids[b].length;
            if (len == 0 || len > MAX_POSITIONS) {
                throw new IllegalArgumentException("Sequence " + b + " has " + len + " token ids; expected 1 to "
                        + MAX_POSITIONS);
            }
            lengths[b] = len;
            offsets[b] = total;
            total += len;
            longest = Math.max(longest, len);
        }
        tokens = total;
        maxLength = longest;
        packedIds = new int[tokens];
        packedPositions = new int[tokens];
        for (int b = 0; b < size; b++) {
            int[] seq = ids[b];
            for (int j = 0; j < seq.length; j++) {
                int id = seq[j];
                if (id < 0 || id >= VOCAB) {
                    throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary");
                }
                packedIds[offsets[b] + j] = id;
                packedPositions[offsets[b] + j] = j;
            }
        }
    }

    /** Packs sequences of token ids (each with its {@code [CLS]}/{@code [SEP]}, 1 to 512 ids). */
    static PackedBatch of(int[][] ids) {
        return new PackedBatch(ids);
    }
}
