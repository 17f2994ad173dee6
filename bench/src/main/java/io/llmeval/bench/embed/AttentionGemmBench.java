package io.llmeval.bench.embed;

import static io.llmeval.inference.model.MiniLmConfig.HEADS;
import static io.llmeval.inference.model.MiniLmConfig.HEAD_DIM;
import static io.llmeval.inference.model.MiniLmConfig.HIDDEN;
import static org.bytedeco.dnnl.global.dnnl.dnnl_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Arrays;

import org.bytedeco.javacpp.FloatPointer;

/**
 * The attention GEMMs of one text and layer, as {@code CpuKernels} runs them (12 heads, {@code Q K^T} then
 * {@code P V} on strided slices of a packed {@code [L, 1152]} Q/K/V matrix), on OpenBLAS's {@code cblas_sgemm} and
 * on oneDNN's {@code dnnl_sgemm}, one thread: GFLOP/s and microseconds per text and layer, best of 3 loops of about
 * 3 GFLOP. Behind {@code bench/embed-bench.sh attention} and the table in docs/inference.md.
 *
 * <p>Usage: {@code AttentionGemmBench [tokens,tokens,...] [rounds]} (default 12,24,52,100,200 and 2).
 */
public final class AttentionGemmBench {

    private static final int QKV_WIDTH = 3 * HIDDEN;
    private static final double FLOP_PER_LOOP = 3e9;
    private static final int LOOPS = 3;

    private AttentionGemmBench() {
    }

    public static void main(String[] args) {
        int[] lengths = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {12, 24, 52, 100, 200};
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        blas_set_num_threads(1);
        System.out.println("| round | tokens | engine | GFLOP/s | us per text and layer |");
        System.out.println("|---:|---:|---|---:|---:|");
        for (int round = 1; round <= rounds; round++) {
            for (int len : lengths) {
                measure(round, len);
            }
        }
    }

    private static void measure(int round, int len) {
        try (FloatPointer qkv = new FloatPointer((long) len * QKV_WIDTH);
                FloatPointer score = new FloatPointer((long) HEADS * len * len);
                FloatPointer context = new FloatPointer((long) len * HIDDEN)) {
            for (long i = 0; i < (long) len * QKV_WIDTH; i++) {
                qkv.put(i, (float) Math.sin(i));
            }
            for (long i = 0; i < (long) HEADS * len * len; i++) {
                score.put(i, 1f / len);
            }
            double flop = 2.0 * HEADS * 2 * len * len * HEAD_DIM;
            int reps = (int) Math.max(20, FLOP_PER_LOOP / flop);
            for (boolean dnnl : new boolean[] {false, true}) {
                long best = Long.MAX_VALUE;
                for (int loop = 0; loop < LOOPS; loop++) {
                    long start = System.nanoTime();
                    for (int r = 0; r < reps; r++) {
                        attention(dnnl, len, qkv, score, context);
                    }
                    best = Math.min(best, System.nanoTime() - start);
                }
                System.out.printf("| %d | %d | %s | %.1f | %.1f |%n", round, len, dnnl ? "oneDNN dnnl_sgemm"
                        : "OpenBLAS cblas_sgemm", flop * reps / best, best / 1e3 / reps);
            }
        }
    }

    private static void attention(boolean dnnl, int len, FloatPointer qkv, FloatPointer score, FloatPointer context) {
        FloatPointer query = new FloatPointer(qkv);
        FloatPointer key = new FloatPointer(qkv);
        FloatPointer value = new FloatPointer(qkv);
        FloatPointer scores = new FloatPointer(score);
        FloatPointer out = new FloatPointer(context);
        int area = len * len;
        for (int h = 0; h < HEADS; h++) {
            query.position((long) h * HEAD_DIM);
            key.position(HIDDEN + (long) h * HEAD_DIM);
            scores.position((long) h * area);
            if (dnnl) {
                dnnl_sgemm((byte) 'N', (byte) 'T', len, len, HEAD_DIM, 1f, query, QKV_WIDTH, key, QKV_WIDTH, 0f,
                        scores, len);
            } else {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, len, len, HEAD_DIM, 1f, query, QKV_WIDTH, key,
                        QKV_WIDTH, 0f, scores, len);
            }
        }
        for (int h = 0; h < HEADS; h++) {
            scores.position((long) h * area);
            value.position(2 * HIDDEN + (long) h * HEAD_DIM);
            out.position((long) h * HEAD_DIM);
            if (dnnl) {
                dnnl_sgemm((byte) 'N', (byte) 'N', len, HEAD_DIM, len, 1f, scores, len, value, QKV_WIDTH, 0f, out,
                        HIDDEN);
            } else {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, len, HEAD_DIM, len, 1f, scores, len, value,
                        QKV_WIDTH, 0f, out, HIDDEN);
            }
        }
    }
}
