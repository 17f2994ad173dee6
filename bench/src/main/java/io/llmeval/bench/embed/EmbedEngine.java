package io.llmeval.bench.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.inference.model.OnnxReference;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;

/**
 * One engine in one configuration, as the benchmark times it: a window of texts in, one vector per text out
 * (tokenization included, same tokenizer for both engines).
 */
interface EmbedEngine {

    /** {@code nd4j} or {@code ort}. */
    String engine();

    /** Batch size of the configuration. */
    int batch();

    /** What else identifies the configuration, e.g. {@code "sorted, 2 runs x 1 thread"}. */
    String setting();

    float[][] embed(List<String> window) throws Exception;

    /** This project's encoder: {@link SentenceEmbedder#embed} sorts each window by length itself. */
    record Nd4j(SentenceEmbedder embedder, int batch, int threads) implements EmbedEngine {
        @Override
        public String engine() {
            return "nd4j";
        }

        @Override
        public String setting() {
            return "length-bucketed, <= " + embedder.maxBatchTokens() + " tokens, " + threads + " threads";
        }

        @Override
        public float[][] embed(List<String> window) {
            return embedder.embed(window);
        }
    }

    /**
     * ONNX Runtime, each batch padded to its longest text: in arrival order or length-sorted (then cut into
     * batches), run one batch at a time on a session with several intra-op threads, or by {@code runs}
     * concurrent callers of a single-threaded session (independent batches on separate cores).
     */
    record Ort(OnnxReference session, MiniLmTokenizer tokenizer, int batch, boolean sorted, int runs,
            int threadsPerRun, ExecutorService pool) implements EmbedEngine {

        static ExecutorService pool(int runs) {
            return runs > 1 ? Executors.newFixedThreadPool(runs - 1, r -> {
                Thread t = new Thread(r, "ort-bench-run");
                t.setDaemon(true);
                return t;
            }) : null;
        }

        @Override
        public String engine() {
            return "ort";
        }

        @Override
        public String setting() {
            return (sorted ? "length-sorted" : "arrival order") + ", " + runs + " run(s) x " + threadsPerRun
                    + " thread(s)";
        }

        @Override
        public float[][] embed(List<String> window) throws Exception {
            int[][] ids = tokenizer.encode(window);
            Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
            if (sorted) {
                Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
            }
            int batches = (ids.length + batch - 1) / batch;
            float[][] out = new float[ids.length][];
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> helpers = new ArrayList<>();
            for (int r = 1; r < runs; r++) {
                helpers.add(pool.submit(() -> {
                    runBatches(ids, order, batches, next, out);
                    return null;
                }));
            }
            runBatches(ids, order, batches, next, out);
            for (Future<?> f : helpers) {
                f.get();
            }
            return out;
        }

        private void runBatches(int[][] ids, Integer[] order, int batches, AtomicInteger next, float[][] out)
                throws Exception {
            for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                int from = b * batch;
                int to = Math.min(ids.length, from + batch);
                int[][] chunk = new int[to - from][];
                for (int i = from; i < to; i++) {
                    chunk[i - from] = ids[order[i]];
                }
                float[][] vectors = session.embed(chunk);
                for (int i = from; i < to; i++) {
                    out[order[i]] = vectors[i - from];
                }
            }
        }
    }
}
