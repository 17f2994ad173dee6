package io.llmeval.bench.embed;

import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;

/**
 * The baseline: ONNX Runtime on the same ONNX file, fed the same token ids (same tokenizer), one session run per
 * call padded to the call's longest text, then attention-mask mean pooling and L2 normalisation.
 */
final class OrtEmbedder implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final MiniLmTokenizer tokenizer;

    OrtEmbedder(byte[] onnx, MiniLmTokenizer tokenizer, int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        this.session = env.createSession(onnx, options);
        this.tokenizer = tokenizer;
    }

    float[][] embed(List<String> texts) throws OrtException {
        int[][] ids = tokenizer.encode(texts);
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
        float[] sum = new float[dim];
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
        float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < dim; d++) {
            sum[d] *= inv;
        }
        return sum;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
