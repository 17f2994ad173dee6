package io.llmeval.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The steps of {@link MiniLmEncoder}'s forward pass besides its dense layers, by backend: {@link CpuKernels}
 * (vectorized Java on heap copies and per-sequence OpenBLAS attention, nd4j-native) or {@link Nd4jOpKernels}
 * (ND4J ops only, so they run wherever ND4J does, CUDA included). Every array is a c-ordered {@code [rows, cols]}
 * matrix of its own (not a view), packed as {@link PackedBatch} lays out the tokens.
 */
interface EncoderKernels {

    /** {@code hidden[t] = LayerNorm(word[id_t] + position[pos_t])}, the embedding layer; {@code hidden} is {@code [T, 384]}. */
    void embed(MiniLmWeights weights, PackedBatch batch, INDArray hidden);

    /**
     * Multi-head self-attention of each sequence over its own tokens: {@code qkv} is {@code [T, 1152]} (query,
     * pre-scaled by 1/sqrt(32), key and value side by side), {@code context} the {@code [T, 384]} result (heads
     * concatenated), before the output projection.
     */
    void attention(PackedBatch batch, INDArray qkv, INDArray context);

    /** {@code x = LayerNorm(x + residual) * gain + bias} over each row, in place. */
    void addLayerNorm(INDArray x, INDArray residual, INDArray gain, INDArray bias);

    /** Exact GELU, {@code x * (1 + erf(x / sqrt 2)) / 2}, in place. */
    void gelu(INDArray x);

    /** Mean of each sequence's rows of {@code hidden}, L2-normalised ({@code max(norm, 1e-12)}), on the heap. */
    float[][] pool(PackedBatch batch, INDArray hidden);

    /** The kernels for ND4J's backend in this JVM: {@link CpuKernels} on nd4j-native, else {@link Nd4jOpKernels}. */
    static EncoderKernels forCurrentBackend() {
        return Nd4j.getEnvironment().isCPU() ? new CpuKernels() : new Nd4jOpKernels();
    }
}
