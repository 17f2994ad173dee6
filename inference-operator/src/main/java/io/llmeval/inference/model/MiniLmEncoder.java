package io.llmeval.inference.model;

import static io.llmeval.inference.model.MiniLmConfig.HIDDEN;
import static io.llmeval.inference.model.MiniLmConfig.INTERMEDIATE;

import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The all-MiniLM-L6-v2 forward pass on ND4J: embeddings, 6 BERT layers, attention-mask mean pooling and L2
 * normalisation. It reproduces the ONNX export's arithmetic (LayerNorm with population variance and epsilon
 * 1e-12, attention scale 1/sqrt(32), softmax over the real keys only, exact erf GELU), so its output matches ONNX
 * Runtime to about 1e-7.
 *
 * <pre>{@code
 * MiniLmEncoder encoder = new MiniLmEncoder(MiniLmWeights.load(ModelFiles.classpath()));
 * float[][] vectors = encoder.encode(new int[][] {{101, 7592, 2088, 102}});   // [CLS] hello world [SEP]
 * }</pre>
 *
 * <p>How one call is computed, for {@code n} sequences of lengths {@code len[b]} (T tokens in all):
 * <ul>
 *   <li>The tokens are <em>packed</em> ({@link PackedBatch}): a {@code [T, 384]} matrix without padding. The dense
 *       layers (Q/K/V as one {@code [384, 1152]} matmul, attention output, feed-forward) run on it, each as one
 *       {@code xw_plus_b} native op (GEMM and bias) over all tokens of the call.</li>
 *   <li>Attention, LayerNorm, GELU, embedding lookup and pooling are the backend's {@link EncoderKernels}; on
 *       CPU, attention runs per sequence over its own tokens (no padding), the rest as vectorized Java.</li>
 *   <li>The activations of a call are allocated once, in one ND4J workspace, and reused by every layer (a second
 *       workspace, reset after each layer, holds what a layer needs only for itself). Both grow to the largest call
 *       seen and are then reused: steady state allocates no new off-heap memory.</li>
 * </ul>
 *
 * <p>Not thread-safe: ND4J workspaces and the kernels' scratch arrays belong to the calling thread, so use one
 * encoder per thread. The weights may be shared by any number of encoders.
 */
public final class MiniLmEncoder {

    static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.25)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();
    private static final String BATCH_WORKSPACE = "LLM_EVAL_MINILM_BATCH";
    private static final String LAYER_WORKSPACE = "LLM_EVAL_MINILM_LAYER";

    private final MiniLmWeights weights;
    private final EncoderKernels kernels;

    /** An encoder with the kernels of ND4J's backend in this JVM. */
    public MiniLmEncoder(MiniLmWeights weights) {
        this(weights, EncoderKernels.forCurrentBackend());
    }

    MiniLmEncoder(MiniLmWeights weights, EncoderKernels kernels) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    /**
     * Embeds one batch of token-id sequences (each with its {@code [CLS]} and {@code [SEP]}, at most 512 ids and
     * at least one) and returns one L2-normalised 384-dim vector per sequence, in input order.
     */
    public float[][] encode(int[][] tokenIds) {
        if (tokenIds.length == 0) {
            return new float[0][];
        }
        PackedBatch batch = PackedBatch.of(tokenIds);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, BATCH_WORKSPACE)) {
            Activations a = new Activations(batch.tokens);
            kernels.embed(weights, batch, a.hidden);
            for (MiniLmWeights.Layer layer : weights.layers) {
                try (MemoryWorkspace ignoredToo =
                        Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, LAYER_WORKSPACE)) {
                    transformerLayer(layer, batch, a);
                }
            }
            return kernels.pool(batch, a.hidden);
        }
    }

    /** Frees this thread's workspaces (they are re-created by the next call). */
    public static void releaseThreadWorkspaces() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    /** The activations of one call, {@code [T, width]} each, allocated once and overwritten by every layer. */
    private static final class Activations {
        final INDArray hidden;
        final INDArray qkv;
        final INDArray context;
        final INDArray attended;
        final INDArray intermediate;

        Activations(int tokens) {
            hidden = Nd4j.createUninitialized(DataType.FLOAT, tokens, HIDDEN);
            qkv = Nd4j.createUninitialized(DataType.FLOAT, tokens, 3L * HIDDEN);
            context = Nd4j.createUninitialized(DataType.FLOAT, tokens, HIDDEN);
            attended = Nd4j.createUninitialized(DataType.FLOAT, tokens, HIDDEN);
            intermediate = Nd4j.createUninitialized(DataType.FLOAT, tokens, INTERMEDIATE);
        }
    }

    /** One BERT layer; overwrites {@code a.hidden} with the layer's output. */
    private void transformerLayer(MiniLmWeights.Layer w, PackedBatch batch, Activations a) {
        dense(a.hidden, w.qkvWeight, w.qkvBias, a.qkv);
        kernels.attention(batch, a.qkv, a.context);
        dense(a.context, w.attentionOutWeight, w.attentionOutBias, a.attended);
        kernels.addLayerNorm(a.attended, a.hidden, w.attentionNormGain, w.attentionNormBias);
        dense(a.attended, w.intermediateWeight, w.intermediateBias, a.intermediate);
        kernels.gelu(a.intermediate);
        dense(a.intermediate, w.outputWeight, w.outputBias, a.hidden);
        kernels.addLayerNorm(a.hidden, a.attended, w.outputNormGain, w.outputNormBias);
    }

    /** {@code out = x @ weight + bias} as one native op (one GEMM plus the bias broadcast). */
    private static void dense(INDArray x, INDArray weight, INDArray bias, INDArray out) {
        Nd4j.exec(new XwPlusB(new INDArray[] {x, weight, bias}, out));
    }
}
