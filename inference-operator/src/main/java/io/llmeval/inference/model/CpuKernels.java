package io.llmeval.inference.model;

import static io.llmeval.inference.model.MiniLmConfig.HEADS;
import static io.llmeval.inference.model.MiniLmConfig.HEAD_DIM;
import static io.llmeval.inference.model.MiniLmConfig.HIDDEN;
import static io.llmeval.inference.model.MiniLmConfig.LAYER_NORM_EPS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_sgemm;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link EncoderKernels} for nd4j-native (CPU). Two things make them fast where ND4J's ops are slow:
 * <ul>
 *   <li>Element-wise work (embedding sums, residual + LayerNorm, GELU, softmax, pooling) copies slices of the
 *       off-heap activations into heap arrays that stay in cache, runs {@link FloatKernels}' vectorized loops on
 *       them and copies them back: one pass over memory where ND4J needs one per op, and no scalar libm
 *       {@code erf}/{@code exp}.</li>
 *   <li>Attention runs per sequence over its own tokens, so nothing is padded or masked and no rows are gathered:
 *       each head's {@code Q K^T} and {@code P V} are {@code dnnl_sgemm} calls (oneDNN's BLAS-like GEMM, through
 *       javacpp's dnnl preset) on strided slices of the packed {@code [T, 1152]} Q/K/V matrix. These GEMMs are
 *       small ({@code [L, 32] x [32, L]}); oneDNN's JIT kernels run them 1.5-1.8x faster than OpenBLAS 0.3.19's
 *       {@code cblas_sgemm} at 24-200 tokens, and ND4J's {@code matmul} on the same views costs tens of
 *       microseconds of op setup per call, where attention needs 24 calls per sequence and layer.</li>
 * </ul>
 * Holds heap scratch arrays: one instance per thread.
 */
final class CpuKernels implements EncoderKernels {

    /** {@code dnnl_sgemm}'s transpose flags (row-major, like the rest of oneDNN's C API). */
    private static final byte NO_TRANSPOSE = 'N';
    private static final byte TRANSPOSE = 'T';

    /** Floats per heap slice of the GELU pass: 64 KB, in L1/L2 while it is computed. */
    private static final int SLICE = 16 * 1024;
    private static final int QKV_WIDTH = 3 * HIDDEN;

    private final float[] slice = new float[SLICE];
    private final float[] row = new float[HIDDEN];
    private final float[] residualRow = new float[HIDDEN];
    private float[] scores = new float[0];
    private float[] softmaxWork = new float[0];
    /** Heap copies of the LayerNorm gains and biases (read-only weights), by identity. */
    private final Map<INDArray, float[]> vectors = new IdentityHashMap<>();

    @Override
    public void embed(MiniLmWeights weights, PackedBatch batch, INDArray hidden) {
        FloatBuffer words = buffer(weights.wordEmbeddings);
        FloatBuffer positions = buffer(weights.positionEmbeddings);
        FloatBuffer out = buffer(hidden);
        float[] gain = vector(weights.embeddingNormGain);
        float[] bias = vector(weights.embeddingNormBias);
        for (int t = 0; t < batch.tokens; t++) {
            words.get(batch.packedIds[t] * HIDDEN, row, 0, HIDDEN);
            positions.get(batch.packedPositions[t] * HIDDEN, residualRow, 0, HIDDEN);
            FloatKernels.addLayerNormRow(row, residualRow, gain, bias, LAYER_NORM_EPS);
            out.put(t * HIDDEN, row, 0, HIDDEN);
        }
    }

    @Override
    public void attention(PackedBatch batch, INDArray qkv, INDArray context) {
        INDArray scoreArray = Nd4j.createUninitialized(DataType.FLOAT, (long) HEADS * batch.maxLength * batch.maxLength);
        FloatBuffer scoreBuffer = buffer(scoreArray);
        FloatPointer query = pointer(qkv);
        FloatPointer key = pointer(qkv);
        FloatPointer value = pointer(qkv);
        FloatPointer score = pointer(scoreArray);
        FloatPointer out = pointer(context);
        for (int b = 0; b < batch.size; b++) {
            int len = batch.lengths[b];
            long firstRow = batch.offsets[b];
            int area = len * len;
            for (int h = 0; h < HEADS; h++) {
                query.position(firstRow * QKV_WIDTH + (long) h * HEAD_DIM);
                key.position(firstRow * QKV_WIDTH + HIDDEN + (long) h * HEAD_DIM);
                score.position((long) h * area);
                check(dnnl_sgemm(NO_TRANSPOSE, TRANSPOSE, len, len, HEAD_DIM, 1f, query, QKV_WIDTH, key, QKV_WIDTH,
                        0f, score, len));
            }
            int n = HEADS * area;
            if (scores.length < n) {
                scores = new float[n];
                softmaxWork = new float[n];
            }
            scoreBuffer.get(0, scores, 0, n);
            FloatKernels.softmaxRows(scores, HEADS * len, len, softmaxWork);
            scoreBuffer.put(0, scores, 0, n);
            for (int h = 0; h < HEADS; h++) {
                score.position((long) h * area);
                value.position(firstRow * QKV_WIDTH + 2 * HIDDEN + (long) h * HEAD_DIM);
                out.position(firstRow * HIDDEN + (long) h * HEAD_DIM);
                check(dnnl_sgemm(NO_TRANSPOSE, NO_TRANSPOSE, len, HEAD_DIM, len, 1f, score, len, value, QKV_WIDTH,
                        0f, out, HIDDEN));
            }
        }
    }

    private static void check(int dnnlStatus) {
        if (dnnlStatus != dnnl_success) {
            throw new IllegalStateException("dnnl_sgemm failed with status " + dnnlStatus);
        }
    }

    @Override
    public void addLayerNorm(INDArray x, INDArray residual, INDArray gain, INDArray bias) {
        FloatBuffer xs = buffer(x);
        FloatBuffer rs = buffer(residual);
        float[] g = vector(gain);
        float[] b = vector(bias);
        for (int first = 0, end = (int) x.length(); first < end; first += HIDDEN) {
            xs.get(first, row, 0, HIDDEN);
            rs.get(first, residualRow, 0, HIDDEN);
            FloatKernels.addLayerNormRow(row, residualRow, g, b, LAYER_NORM_EPS);
            xs.put(first, row, 0, HIDDEN);
        }
    }

    @Override
    public void gelu(INDArray x) {
        FloatBuffer xs = buffer(x);
        for (int first = 0, end = (int) x.length(); first < end; first += SLICE) {
            int n = Math.min(SLICE, end - first);
            xs.get(first, slice, 0, n);
            FloatKernels.geluInPlace(slice, n);
            xs.put(first, slice, 0, n);
        }
    }

    @Override
    public float[][] pool(PackedBatch batch, INDArray hidden) {
        FloatBuffer rows = buffer(hidden);
        float[][] out = new float[batch.size][];
        double[] sum = new double[HIDDEN];
        for (int b = 0; b < batch.size; b++) {
            Arrays.fill(sum, 0);
            for (int t = batch.offsets[b], end = t + batch.lengths[b]; t < end; t++) {
                rows.get(t * HIDDEN, row, 0, HIDDEN);
                for (int d = 0; d < HIDDEN; d++) {
                    sum[d] += row[d];
                }
            }
            out[b] = normalizedMean(sum, batch.lengths[b]);
        }
        return out;
    }

    /** {@code sum / length}, then divided by {@code max(L2 norm, 1e-12)}, as sentence-transformers pools. */
    private static float[] normalizedMean(double[] sum, int length) {
        float[] mean = new float[HIDDEN];
        double norm = 0;
        for (int d = 0; d < HIDDEN; d++) {
            mean[d] = (float) (sum[d] / length);
            norm += (double) mean[d] * mean[d];
        }
        float divisor = (float) Math.max(Math.sqrt(norm), 1e-12);
        for (int d = 0; d < HIDDEN; d++) {
            mean[d] = mean[d] / divisor;
        }
        return mean;
    }

    private float[] vector(INDArray weights) {
        return vectors.computeIfAbsent(weights, INDArray::toFloatVector);
    }

    /** The whole off-heap buffer of a c-ordered array that is not a view. */
    private static FloatBuffer buffer(INDArray a) {
        requireWhole(a);
        return a.data().asNioFloat();
    }

    private static FloatPointer pointer(INDArray a) {
        requireWhole(a);
        return new FloatPointer(a.data().addressPointer());
    }

    private static void requireWhole(INDArray a) {
        if (a.isView() || a.offset() != 0 || a.ordering() != 'c' || a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Expected a c-ordered float array of its own, got " + a.shapeInfoToString());
        }
    }
}
