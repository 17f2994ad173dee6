package io.llmeval.inference.model;

import static io.llmeval.inference.model.MiniLmConfig.HEADS;
import static io.llmeval.inference.model.MiniLmConfig.HEAD_DIM;
import static io.llmeval.inference.model.MiniLmConfig.HIDDEN;
import static io.llmeval.inference.model.MiniLmConfig.LAYER_NORM_EPS;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link EncoderKernels} in ND4J ops only, for backends other than nd4j-native (CUDA): they run wherever ND4J
 * does. Attention is padded per <em>group</em> of consecutive sequences of similar length ({@link Group}): each
 * group gathers its rows into {@code [c, 12, L_g, 32]} blocks, runs two batched matmuls over all its sequences
 * and heads and the softmax, and writes its real tokens back; a group's scores are capped at
 * {@link #ATTENTION_CHUNK_SCORES} floats and computed in a workspace reset per group.
 */
final class Nd4jOpKernels implements EncoderKernels {

    private static final String ATTENTION_WORKSPACE = "LLM_EVAL_MINILM_ATTENTION";
    /** Target size (floats) of one group's attention scores: 2 M floats = 8 MB. */
    private static final long ATTENTION_CHUNK_SCORES = 2L << 20;
    /** What the ONNX graph adds to the scores of padding keys: {@code (1 - mask) * float.lowest}. */
    private static final float MASKED_SCORE = -Float.MAX_VALUE;
    private static final float SQRT_2 = (float) Math.sqrt(2.0);
    /** Attention groups whose longest sequence is at most this long ignore padding waste. */
    private static final int SMALL_GROUP_LENGTH = 24;
    /** Below this many rows the per-op overhead dominates LayerNorm: use the fused op. */
    private static final int FUSED_LAYER_NORM_MAX_ROWS = 64;

    @Override
    public void embed(MiniLmWeights weights, PackedBatch batch, INDArray hidden) {
        Nd4j.pullRows(weights.wordEmbeddings, hidden, 1, batch.packedIds);
        INDArray positions = Nd4j.createUninitialized(DataType.FLOAT, batch.tokens, HIDDEN);
        Nd4j.pullRows(weights.positionEmbeddings, positions, 1, batch.packedPositions);
        addLayerNorm(hidden, positions, weights.embeddingNormGain, weights.embeddingNormBias);
    }

    @Override
    public void attention(PackedBatch batch, INDArray qkv, INDArray context) {
        for (Group g : Group.of(batch)) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
                    .getAndActivateWorkspace(MiniLmEncoder.WORKSPACE, ATTENTION_WORKSPACE)) {
                int c = g.sequences;
                int len = g.maxLength;
                INDArray padded = Nd4j.createUninitialized(DataType.FLOAT, (long) c * len, 3L * HIDDEN);
                Nd4j.pullRows(qkv, padded, 1, g.paddedRows);
                // [c, L, 3, H, D] -> [3, c, H, L, D]
                INDArray split = padded.reshape('c', c, len, 3, HEADS, HEAD_DIM).permute(2, 0, 3, 1, 4);
                INDArray query = split.get(NDArrayIndex.point(0)).dup('c');
                INDArray key = split.get(NDArrayIndex.point(1)).dup('c');
                INDArray value = split.get(NDArrayIndex.point(2)).dup('c');
                INDArray scores = Nd4j.createUninitialized(DataType.FLOAT, c, HEADS, len, len);
                Nd4j.matmul(query, key, scores, false, true, false);
                if (g.padded) {
                    scores.addi(Nd4j.create(g.keyMask, new long[] {c, 1, 1, len}, 'c'));
                }
                softmaxRows(scores.reshape('c', (long) c * HEADS * len, len));
                INDArray heads = Nd4j.createUninitialized(DataType.FLOAT, c, HEADS, len, HEAD_DIM);
                Nd4j.matmul(scores, value, heads, false, false, false);
                // [c, H, L, D] -> [c, L, H, D] = [c * L, 384] -> the group's real tokens, in packed order
                INDArray rows = heads.permute(0, 2, 1, 3).dup('c').reshape('c', (long) c * len, HIDDEN);
                INDArray target = context.get(NDArrayIndex.interval(g.firstToken, g.firstToken + g.tokens),
                        NDArrayIndex.all());
                if (g.padded) {
                    INDArray packed = Nd4j.createUninitialized(DataType.FLOAT, g.tokens, HIDDEN);
                    Nd4j.pullRows(rows, packed, 1, g.packedRows);
                    target.assign(packed);
                } else {
                    target.assign(rows);
                }
            }
        }
    }

    /** Softmax of each row in place, {@code exp(x - max) / sum}, as the export computes it. */
    private static void softmaxRows(INDArray rows) {
        rows.subiColumnVector(rows.max(true, 1));
        Transforms.exp(rows, false);
        rows.diviColumnVector(rows.sum(true, 1));
    }

    /**
     * Few rows: ND4J's fused {@code layer_norm} (one native call; it divides by the standard deviation without
     * epsilon, which differs by less than 1e-9 here); many rows: the export's own sequence of ops.
     */
    @Override
    public void addLayerNorm(INDArray x, INDArray residual, INDArray gain, INDArray bias) {
        x.addi(residual);
        if (x.rows() < FUSED_LAYER_NORM_MAX_ROWS) {
            Nd4j.exec(new LayerNorm(x, gain, bias, x, true, 1));
            return;
        }
        INDArray mean = x.mean(true, 1);
        x.subiColumnVector(mean);
        INDArray variance = x.mul(x).mean(true, 1).addi(LAYER_NORM_EPS);
        Transforms.sqrt(variance, false);
        x.diviColumnVector(variance);
        x.muliRowVector(gain);
        x.addiRowVector(bias);
    }

    /** Same operation order as the export. */
    @Override
    public void gelu(INDArray x) {
        INDArray erf = x.div(SQRT_2);
        Nd4j.exec(new Erf(erf, erf));
        erf.addi(1.0f);
        x.muli(erf);
        x.muli(0.5f);
    }

    @Override
    public float[][] pool(PackedBatch batch, INDArray hidden) {
        float[] selector = new float[batch.size * batch.tokens];
        float[] lengths = new float[batch.size];
        for (int b = 0; b < batch.size; b++) {
            for (int j = 0; j < batch.lengths[b]; j++) {
                selector[b * batch.tokens + batch.offsets[b] + j] = 1f;
            }
            lengths[b] = batch.lengths[b];
        }
        INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, batch.size, HIDDEN);
        Nd4j.gemm(Nd4j.create(selector, new long[] {batch.size, batch.tokens}, 'c'), hidden, pooled, false, false,
                1.0, 0.0);
        pooled.diviColumnVector(Nd4j.create(lengths, new long[] {batch.size, 1}, 'c'));
        INDArray norms = pooled.norm2(true, 1);
        Transforms.max(norms, 1e-12, false);
        pooled.diviColumnVector(norms);
        return pooled.toFloatMatrix();
    }

    /** Consecutive sequences whose attention is computed together, padded to the longest of them. */
    static final class Group {
        final int sequences;
        final int maxLength;
        final int firstToken;
        final int tokens;
        final boolean padded;
        /** For each padded row {@code i * L + j}: its packed row (the group's first row for padding). */
        final int[] paddedRows;
        /** For each of the group's packed rows: its padded row {@code i * L + j}. */
        final int[] packedRows;
        /** {@code [c, L]}: 0 for real keys, {@link #MASKED_SCORE} for padding. */
        final float[] keyMask;

        private Group(int[] lengths, int from, int to, int firstToken) {
            sequences = to - from;
            int longest = 0;
            int total = 0;
            for (int b = from; b < to; b++) {
                longest = Math.max(longest, lengths[b]);
                total += lengths[b];
            }
            maxLength = longest;
            tokens = total;
            this.firstToken = firstToken;
            padded = total != sequences * longest;
            paddedRows = new int[sequences * longest];
            packedRows = new int[total];
            keyMask = new float[sequences * longest];
            int offset = 0;
            for (int i = 0; i < sequences; i++) {
                int len = lengths[from + i];
                for (int j = 0; j < longest; j++) {
                    boolean real = j < len;
                    paddedRows[i * longest + j] = firstToken + (real ? offset + j : offset);
                    keyMask[i * longest + j] = real ? 0f : MASKED_SCORE;
                }
                for (int j = 0; j < len; j++) {
                    packedRows[offset + j] = i * longest + j;
                }
                offset += len;
            }
        }

        /**
         * Cuts the sequences, in their order, into groups: a sequence joins the current group while the group's
         * padded score area stays within 1.5x its real area (or its longest sequence is at most
         * {@link #SMALL_GROUP_LENGTH} ids, where op overhead outweighs padding) and its scores within
         * {@link #ATTENTION_CHUNK_SCORES}. Length-sorted input gives few groups.
         */
        static List<Group> of(PackedBatch batch) {
            List<Group> groups = new ArrayList<>();
            int from = 0;
            int firstToken = 0;
            long realArea = 0;
            int longest = 0;
            for (int b = 0; b < batch.size; b++) {
                int len = batch.lengths[b];
                int newLongest = Math.max(longest, len);
                long newReal = realArea + (long) len * len;
                long newPadded = (long) (b - from + 1) * newLongest * newLongest;
                boolean fits = b == from
                        || (newLongest <= SMALL_GROUP_LENGTH || newPadded * 2 <= newReal * 3)
                                && newPadded * HEADS <= ATTENTION_CHUNK_SCORES;
                if (!fits) {
                    Group g = new Group(batch.lengths, from, b, firstToken);
                    groups.add(g);
                    firstToken += g.tokens;
                    from = b;
                    newLongest = len;
                    newReal = (long) len * len;
                }
                longest = newLongest;
                realArea = newReal;
            }
            groups.add(new Group(batch.lengths, from, batch.size, firstToken));
            return groups;
        }
    }
}
