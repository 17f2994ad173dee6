package io.llmeval.inference.model;

import static io.llmeval.inference.model.MiniLmConfig.HEADS;
import static io.llmeval.inference.model.MiniLmConfig.HEAD_DIM;
import static io.llmeval.inference.model.MiniLmConfig.HIDDEN;
import static io.llmeval.inference.model.MiniLmConfig.INTERMEDIATE;
import static io.llmeval.inference.model.MiniLmConfig.LAYER_NORM_EPS;
import static io.llmeval.inference.model.MiniLmConfig.MAX_POSITIONS;
import static io.llmeval.inference.model.MiniLmConfig.VOCAB;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The all-MiniLM-L6-v2 forward pass written in plain ND4J ops: embeddings, 6 BERT layers, attention-mask mean
 * pooling and L2 normalisation. It reproduces the ONNX export's arithmetic (LayerNorm with population variance and
 * epsilon 1e-12, attention scale 1/sqrt(32), additive {@code -FLT_MAX} key mask, exact erf GELU), so its output
 * matches ONNX Runtime to about 1e-7.
 *
 * <pre>{@code
 * MiniLmEncoder encoder = new MiniLmEncoder(MiniLmWeights.load(ModelFiles.classpath()));
 * float[][] vectors = encoder.encode(new int[][] {{101, 7592, 2088, 102}});   // [CLS] hello world [SEP]
 * }</pre>
 *
 * <p>How one call is computed, for {@code n} sequences of lengths {@code len[b]} (T tokens in all, the longest L):
 * <ul>
 *   <li>The dense parts (Q/K/V, attention output, feed-forward, LayerNorm) run on the <em>packed</em> tokens, a
 *       {@code [T, 384]} matrix without padding, each as one large GEMM (Q, K and V together as one
 *       {@code [384, 1152]} matmul).</li>
 *   <li>Only attention is padded: the packed Q/K/V rows are gathered into {@code [n, 12, L, 32]} blocks, scores
 *       and context are two batched matmuls over all sequences and heads, and the context rows are gathered back.
 *       Callers should still group sequences of similar length (see {@code SentenceEmbedder}) to keep the
 *       {@code L x L} score blocks small.</li>
 *   <li>Every intermediate lives in ND4J workspaces (one per call, one per layer, one per attention chunk, all
 *       cyclic), so once they have grown to the largest batch seen, a call allocates no new off-heap memory.</li>
 * </ul>
 *
 * <p>Not thread-safe: ND4J workspaces belong to the calling thread, so use one encoder per thread. The weights
 * may be shared by any number of encoders.
 */
public final class MiniLmEncoder {

    private static final String BATCH_WORKSPACE = "LLM_EVAL_MINILM_BATCH";
    private static final String LAYER_WORKSPACE = "LLM_EVAL_MINILM_LAYER";
    private static final String ATTENTION_WORKSPACE = "LLM_EVAL_MINILM_ATTENTION";
    /** Target size (floats) of one chunk's attention scores: 2 M floats = 8 MB. */
    private static final long ATTENTION_CHUNK_SCORES = 2L << 20;
    /** What the ONNX graph adds to the scores of padding keys: {@code (1 - mask) * float.lowest}. */
    private static final float MASKED_SCORE = -Float.MAX_VALUE;
    private static final float SQRT_2 = (float) Math.sqrt(2.0);
    /** Attention groups whose longest sequence is at most this long ignore padding waste. */
    private static final int SMALL_GROUP_LENGTH = 24;
    /** Below this many tokens per batch the per-op overhead dominates LayerNorm: use the fused op. */
    private static final int FUSED_LAYER_NORM_MAX_ROWS = 64;

    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.25)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private final MiniLmWeights weights;

    public MiniLmEncoder(MiniLmWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /**
     * Embeds one batch of token-id sequences (each with its {@code [CLS]} and {@code [SEP]}, at most 512 ids and
     * at least one) and returns one L2-normalised 384-dim vector per sequence, in input order.
     */
    public float[][] encode(int[][] tokenIds) {
        if (tokenIds.length == 0) {
            return new float[0][];
        }
        Batch batch = Batch.of(tokenIds);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, BATCH_WORKSPACE)) {
            INDArray hidden = embed(batch);
            for (MiniLmWeights.Layer layer : weights.layers) {
                try (MemoryWorkspace ignoredToo =
                        Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, LAYER_WORKSPACE)) {
                    transformerLayer(layer, batch, hidden);
                }
            }
            return pool(batch, hidden);
        }
    }

    /** Frees this thread's workspaces (they are re-created by the next call). */
    public static void releaseThreadWorkspaces() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    /** Word plus position (plus token-type-0) embeddings, LayerNorm: {@code [T, 384]}. */
    private INDArray embed(Batch batch) {
        INDArray hidden = Nd4j.createUninitialized(DataType.FLOAT, batch.tokens, HIDDEN);
        Nd4j.pullRows(weights.wordEmbeddings, hidden, 1, batch.packedIds);
        INDArray positions = Nd4j.createUninitialized(DataType.FLOAT, batch.tokens, HIDDEN);
        Nd4j.pullRows(weights.positionEmbeddings, positions, 1, batch.packedPositions);
        hidden.addi(positions);
        layerNorm(hidden, weights.embeddingNormGain, weights.embeddingNormBias);
        return hidden;
    }

    /** One BERT layer; overwrites {@code hidden} ({@code [T, 384]}) with the layer's output. */
    private static void transformerLayer(MiniLmWeights.Layer w, Batch batch, INDArray hidden) {
        INDArray qkv = dense(hidden, w.qkvWeight, w.qkvBias, Nd4j.createUninitialized(DataType.FLOAT, batch.tokens,
                3L * HIDDEN));

        INDArray context = attention(batch, qkv);

        INDArray attended = dense(context, w.attentionOutWeight, w.attentionOutBias,
                Nd4j.createUninitialized(DataType.FLOAT, batch.tokens, HIDDEN));
        attended.addi(hidden);
        layerNorm(attended, w.attentionNormGain, w.attentionNormBias);

        INDArray intermediate = dense(attended, w.intermediateWeight, w.intermediateBias,
                Nd4j.createUninitialized(DataType.FLOAT, batch.tokens, INTERMEDIATE));
        geluInPlace(intermediate);

        dense(intermediate, w.outputWeight, w.outputBias, hidden);
        hidden.addi(attended);
        layerNorm(hidden, w.outputNormGain, w.outputNormBias);
    }

    /** {@code out = x @ weight + bias} as one native op (one GEMM plus the bias broadcast). */
    private static INDArray dense(INDArray x, INDArray weight, INDArray bias, INDArray out) {
        Nd4j.exec(new XwPlusB(new INDArray[] {x, weight, bias}, out));
        return out;
    }

    /**
     * Multi-head self-attention over the packed {@code [T, 1152]} Q/K/V rows; returns the packed {@code [T, 384]}
     * context (heads concatenated), before the output projection.
     *
     * <p>Attention is the only padded part, and it is padded per <em>group</em> of consecutive sequences of
     * similar length ({@link Batch.Group}), not to the longest sequence of the batch: each group gathers its rows
     * into {@code [c, 12, L_g, 32]} blocks, runs two batched matmuls and the softmax, and writes its real tokens
     * back. Groups are also capped at about {@link #ATTENTION_CHUNK_SCORES} score floats and computed in a
     * workspace of their own that is reset for the next group, so the scores stay in cache across the softmax's
     * passes.
     */
    private static INDArray attention(Batch batch, INDArray qkv) {
        INDArray context = Nd4j.createUninitialized(DataType.FLOAT, batch.tokens, HIDDEN);
        for (Batch.Group g : batch.groups) {
            try (MemoryWorkspace ignored =
                    Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, ATTENTION_WORKSPACE)) {
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
        return context;
    }

    /**
     * Softmax of each row in place, {@code exp(x - max) / sum}, as the export computes it; five simple passes,
     * faster than ND4J's generic softmax op on these shapes.
     */
    private static void softmaxRows(INDArray rows) {
        rows.subiColumnVector(rows.max(true, 1));
        Transforms.exp(rows, false);
        rows.diviColumnVector(rows.sum(true, 1));
    }

    /**
     * {@code x = gain * (x - mean) / sqrt(var + 1e-12) + bias} over the last axis, in place. Few rows: ND4J's fused
     * {@code layer_norm} (one native call, divides by the standard deviation without epsilon, which differs by
     * less than 1e-9 here); many rows: the export's own sequence of ops, which is faster in bulk.
     */
    private static void layerNorm(INDArray x, INDArray gain, INDArray bias) {
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

    /** Exact GELU, {@code x * (1 + erf(x / sqrt(2))) / 2}, in place (same operation order as the export). */
    private static void geluInPlace(INDArray x) {
        INDArray erf = x.div(SQRT_2);
        Nd4j.exec(new Erf(erf, erf));
        erf.addi(1.0f);
        x.muli(erf);
        x.muli(0.5f);
    }

    /** Attention-mask mean pooling and L2 normalisation, copied to the heap. */
    private static float[][] pool(Batch batch, INDArray hidden) {
        INDArray selector = Nd4j.create(batch.poolingSelector, new long[] {batch.size, batch.tokens}, 'c');
        INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, batch.size, HIDDEN);
        Nd4j.gemm(selector, hidden, pooled, false, false, 1.0, 0.0);
        pooled.diviColumnVector(Nd4j.create(batch.lengths, new long[] {batch.size, 1}, 'c'));
        INDArray norms = pooled.norm2(true, 1);
        Transforms.max(norms, 1e-12, false);
        pooled.diviColumnVector(norms);
        return pooled.toFloatMatrix();
    }

    /** Index arrays that pack one batch and pad its attention groups; built on the heap before any ND4J call. */
    private static final class Batch {
        final int size;
        final int tokens;
        final float[] lengths;
        final int[] packedIds;
        final int[] packedPositions;
        /** {@code [n, T]}: 1 where packed token t belongs to sequence b. */
        final float[] poolingSelector;
        final List<Group> groups = new ArrayList<>();

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

            Group(int[][] ids, int from, int to, int firstToken) {
                sequences = to - from;
                int longest = 0;
                int total = 0;
                for (int b = from; b < to; b++) {
                    longest = Math.max(longest, ids[b].length);
                    total += ids[b].length;
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
                    int len = ids[from + i].length;
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
        }

        private Batch(int[][] ids) {
            size = ids.length;
            int total = 0;
            lengths = new float[size];
            for (int b = 0; b < size; b++) {
                int len = ids[b].length;
                if (len == 0 || len > MAX_POSITIONS) {
                    throw new IllegalArgumentException("Sequence " + b + " has " + len
                            + " token ids; expected 1 to " + MAX_POSITIONS);
                }
                lengths[b] = len;
                total += len;
            }
            tokens = total;
            packedIds = new int[tokens];
            packedPositions = new int[tokens];
            poolingSelector = new float[size * tokens];
            int offset = 0;
            for (int b = 0; b < size; b++) {
                int[] seq = ids[b];
                for (int j = 0; j < seq.length; j++) {
                    int id = seq[j];
                    if (id < 0 || id >= VOCAB) {
                        throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary");
                    }
                    packedIds[offset + j] = id;
                    packedPositions[offset + j] = j;
                    poolingSelector[b * tokens + offset + j] = 1f;
                }
                offset += seq.length;
            }
            formGroups(ids);
        }

        /**
         * Cuts the sequences, in their order, into attention groups: a sequence joins the current group while the
         * group's padded score area stays within 1.5x its real area (or its longest sequence is at most
         * {@link #SMALL_GROUP_LENGTH} ids, where op overhead outweighs padding) and its scores within
         * {@link #ATTENTION_CHUNK_SCORES}. Sorted input (as {@code SentenceEmbedder} passes) gives few groups.
         */
        private void formGroups(int[][] ids) {
            int from = 0;
            int firstToken = 0;
            long realArea = 0;
            int longest = 0;
            for (int b = 0; b < size; b++) {
                int len = ids[b].length;
                int newLongest = Math.max(longest, len);
                long newReal = realArea + (long) len * len;
                long newPadded = (long) (b - from + 1) * newLongest * newLongest;
                boolean fits = b == from
                        || (newLongest <= SMALL_GROUP_LENGTH || newPadded * 2 <= newReal * 3)
                                && newPadded * HEADS <= ATTENTION_CHUNK_SCORES;
                if (!fits) {
                    Group g = new Group(ids, from, b, firstToken);
                    groups.add(g);
                    firstToken += g.tokens;
                    from = b;
                    newLongest = len;
                    newReal = (long) len * len;
                }
                longest = newLongest;
                realArea = newReal;
            }
            groups.add(new Group(ids, from, size, firstToken));
        }

        static Batch of(int[][] ids) {
            return new Batch(ids);
        }
    }
}
