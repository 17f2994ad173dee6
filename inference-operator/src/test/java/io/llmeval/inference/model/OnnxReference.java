package io.llmeval.inference.model;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * ONNX Runtime running the model's own ONNX file on given token ids, followed by the sentence-transformers
 * pooling (attention-mask mean, L2 normalisation) in double precision: the reference the ND4J encoder is held to
 * ({@code EncoderParityTest}) and the baseline it is timed against ({@code bench/embed-bench.sh}, which gets this
 * class from the module's test-jar). One session, all graph optimisations on, as a plain ONNX Runtime user would
 * run it; {@link #embed} may be called from several threads at once.
 */
public final class OnnxReference implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    /** A session whose runs use {@code threads} intra-op threads. */
    public OnnxReference(byte[] onnx, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx, options);
        }
    }

    /** Embeds the sequences as one batch padded to the longest (as a plain ORT caller would). */
    public float[][] embed(int[][] ids) throws OrtException {
        int n = ids.length;
        int len = 0;
        for (int[] s : ids) {
            len = Math.max(len, s.length);
        }
        long[][] inputIds = new long[n][len];
        long[][] mask = new long[n][len];
        long[][] types = new long[n][len];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < ids[b].length; j++) {
                inputIds[b][j] = ids[b][j];
                mask[b][j] = 1;
            }
        }
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, inputIds);
                OnnxTensor tMask = OnnxTensor.createTensor(env, mask);
                OnnxTensor tTypes = OnnxTensor.createTensor(env, types);
                OrtSession.Result result = session.run(
                        Map.of("input_ids", tIds, "attention_mask", tMask, "token_type_ids", tTypes))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            float[][] out = new float[n][];
            for (int b = 0; b < n; b++) {
                out[b] = pool(hidden[b], ids[b].length);
            }
            return out;
        }
    }

    private static float[] pool(float[][] hidden, int length) {
        int dim = hidden[0].length;
        double[] sum = new double[dim];
        for (int j = 0; j < length; j++) {
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden[j][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            sum[d] /= length;
            norm += sum[d] * sum[d];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (sum[d] / norm);
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
