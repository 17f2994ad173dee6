package io.llmeval.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.llmeval.inference.model.MiniLmConfig;
import io.llmeval.inference.model.MiniLmEncoder;
import io.llmeval.inference.model.ModelFiles;
import io.llmeval.inference.model.SharedWeights;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sentence embeddings with all-MiniLM-L6-v2 (384 dimensions, mean pooling, L2-normalised) on ND4J: the entry
 * point for jobs, the Flink operator and the CLI.
 *
 * <pre>{@code
 * try (SentenceEmbedder embedder = SentenceEmbedder.builder().maxLength(256).build()) {
 *     float[][] v = embedder.embed(List.of("The cat sat on the mat.", "A cat was sitting on a rug."));
 *     double similarity = SentenceEmbedder.cosine(v[0], v[1]);
 * }
 * }</pre>
 *
 * <p>{@link #embed(List)} tokenizes, sorts the texts by token count, cuts the sorted list into forward passes of at
 * most {@code batchSize} texts and {@code maxBatchTokens} tokens (so each pass holds texts of similar length),
 * runs the passes on {@code threads} cores at once (the calling thread and {@code threads - 1} worker threads of
 * this embedder, each pass single-threaded, longest first), and returns the vectors in input order. With several
 * threads the passes are also cut to at most {@code 1/(2 threads)} of the call's tokens, so that every core gets
 * work. Results do not depend on how texts are batched (up to float rounding, ~1e-7).
 *
 * <p>The weights are shared by every embedder of the JVM ({@link SharedWeights}); an embedder is safe to use
 * from several threads (ND4J workspaces and the encoders' scratch are per thread). Close it to release its share
 * of the weights and stop its worker threads.
 */
public final class SentenceEmbedder implements AutoCloseable {

    /** Dimension of the returned vectors. */
    public static final int DIMENSION = MiniLmConfig.EMBEDDING_DIM;

    /** The model's name on the Hugging Face hub. */
    public static final String MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2";

    /** Default of {@link Builder#batchSize}. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /** Default of {@link Builder#maxBatchTokens}. */
    public static final int DEFAULT_MAX_BATCH_TOKENS = 8192;

    /** Tokens below which splitting a pass for another thread costs more GEMM efficiency than it gains. */
    private static final int MIN_PASS_TOKENS = 512;

    private final MiniLmTokenizer tokenizer;
    private final SharedWeights.Lease weights;
    /** One encoder per thread that runs passes (its workspaces and scratch belong to that thread). */
    private final ThreadLocal<MiniLmEncoder> encoders;
    private final int batchSize;
    private final int maxBatchTokens;
    private final int threads;
    /** {@code threads - 1} worker threads, or null for one thread. */
    private final ExecutorService workers;
    /** Forward passes run so far (a metric, and how tests see the pass settings act). */
    private final AtomicLong forwardPasses = new AtomicLong();

    private SentenceEmbedder(MiniLmTokenizer tokenizer, SharedWeights.Lease weights, int batchSize,
            int maxBatchTokens, int threads) {
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.encoders = ThreadLocal.withInitial(() -> {
            NativeEnvironment.singleThreadedOpenMp(); // this thread's passes: one core each (see "Threading")
            return new MiniLmEncoder(weights.weights());
        });
        this.batchSize = batchSize;
        this.maxBatchTokens = maxBatchTokens;
        this.threads = threads;
        this.workers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, new WorkerFactory()) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Embeds each text; {@code null} counts as the empty text. Returns {@code float[texts.size()][384]}. */
    public float[][] embed(List<String> texts) {
        return embedTokens(tokenizer.encode(texts));
    }

    /** Embeds one text. */
    public float[] embed(String text) {
        return embed(Collections.singletonList(text))[0];
    }

    /** Embeds already tokenized texts (ids as produced by {@link #tokenizer()}). */
    public float[][] embedTokens(int[][] ids) {
        float[][] out = new float[ids.length][];
        Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        List<int[]> passes = passes(ids, order);
        // Longest passes first, so that the last ones to start are short and the threads finish together.
        AtomicInteger next = new AtomicInteger(passes.size());
        Runnable work = () -> {
            for (int p = next.decrementAndGet(); p >= 0; p = next.decrementAndGet()) {
                encodePass(ids, order, passes.get(p), out);
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, passes.size()); t++) {
            helpers.add(workers.submit(work));
        }
        work.run();
        for (Future<?> helper : helpers) {
            awaitPass(helper);
        }
        return out;
    }

    /**
     * Cuts the length-sorted texts into passes {@code [start, end)} of at most {@code batchSize} texts and
     * {@code maxBatchTokens} tokens; with several threads also of at most {@code 1/(2 threads)} of all tokens (but
     * not below {@value #MIN_PASS_TOKENS}), so that each thread gets two or more passes and they end together.
     */
    private List<int[]> passes(int[][] ids, Integer[] order) {
        long total = 0;
        for (int[] s : ids) {
            total += s.length;
        }
        long share = Math.max(MIN_PASS_TOKENS, (total + 2L * threads - 1) / (2L * threads));
        long tokenBudget = threads > 1 ? Math.min(maxBatchTokens, share) : maxBatchTokens;
        List<int[]> passes = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            long tokens = ids[order[start]].length;
            while (end < order.length && end - start < batchSize && tokens + ids[order[end]].length <= tokenBudget) {
                tokens += ids[order[end]].length;
                end++;
            }
            passes.add(new int[] {start, end});
            start = end;
        }
        return passes;
    }

    private void encodePass(int[][] ids, Integer[] order, int[] pass, float[][] out) {
        int[][] chunk = new int[pass[1] - pass[0]][];
        for (int i = pass[0]; i < pass[1]; i++) {
            chunk[i - pass[0]] = ids[order[i]];
        }
        float[][] vectors = encoders.get().encode(chunk);
        forwardPasses.incrementAndGet();
        for (int i = pass[0]; i < pass[1]; i++) {
            out[order[i]] = vectors[i - pass[0]];
        }
    }

    private static void awaitPass(Future<?> helper) {
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a forward pass", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Forward pass failed", e.getCause());
        }
    }

    /** Worker threads of one embedder; each frees its ND4J workspaces when the embedder is closed. */
    private static final class WorkerFactory implements ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    MiniLmEncoder.releaseThreadWorkspaces();
                }
            }, "llm-eval-encoder-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** The tokenizer this embedder uses (with its maximum length). */
    public MiniLmTokenizer tokenizer() {
        return tokenizer;
    }

    /** What a reference built with this embedder must match (see {@link ModelFingerprint}). */
    public ModelFingerprint fingerprint() {
        return fingerprint(maxLength());
    }

    /**
     * The fingerprint of an embedder with this {@code maxLength}, without loading the model: the weights and
     * tokenizer are always the verified files of {@link ModelFiles}.
     */
    public static ModelFingerprint fingerprint(int maxLength) {
        return new ModelFingerprint(MODEL_ID, ModelFiles.ONNX_SHA256, ModelFiles.TOKENIZER_SHA256, maxLength,
                DIMENSION, "mean", true);
    }

    public int maxLength() {
        return tokenizer.maxLength();
    }

    /** Cosine similarity of two vectors of equal length; 0 when either is all zeros. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot / Math.sqrt(na * nb);
    }

    /** Cores (threads) one {@link #embed} call uses. */
    public int threads() {
        return threads;
    }

    /** Most texts per forward pass. */
    public int batchSize() {
        return batchSize;
    }

    /** Most tokens per forward pass. */
    public int maxBatchTokens() {
        return maxBatchTokens;
    }

    /** Forward passes this embedder has run. */
    public long forwardPasses() {
        return forwardPasses.get();
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
        tokenizer.close();
        weights.close();
    }

    /** Builds a {@link SentenceEmbedder}; every setting has a default. */
    public static final class Builder {
        private ModelFiles files = ModelFiles.classpath();
        private int maxLength = MiniLmTokenizer.DEFAULT_MAX_LENGTH;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxBatchTokens = DEFAULT_MAX_BATCH_TOKENS;
        private int threads;

        Builder() {}

        /** Where the ONNX weights and tokenizer.json are read from; default: the classpath. */
        public Builder modelFiles(ModelFiles files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /** Most token ids per text, {@code [CLS]}/{@code [SEP]} included (3..512); default 256. */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** Most texts per forward pass; default 64. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Most tokens per forward pass, bounding memory; default 8192. */
        public Builder maxBatchTokens(int maxBatchTokens) {
            this.maxBatchTokens = maxBatchTokens;
            return this;
        }

        /**
         * Cores one call uses: independent forward passes run on this many threads at once, each single-threaded
         * (see {@link NativeEnvironment#configureNativeThreads()}); 0 (default) means every core of the JVM.
         * Ignored on GPU backends (one thread).
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public SentenceEmbedder build() throws IOException {
            MiniLmTokenizer.checkMaxLength(maxLength);
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1 but was " + batchSize);
            }
            if (maxBatchTokens < maxLength) {
                throw new IllegalArgumentException("maxBatchTokens (" + maxBatchTokens
                        + ") must be at least maxLength (" + maxLength + ")");
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must not be negative but was " + threads);
            }
            NativeEnvironment.configureCaches();
            NativeEnvironment.configureNativeThreads();
            // On a GPU one thread feeds the device (a worker thread would not be bound to the task's GPU).
            int cores = !Nd4j.getEnvironment().isCPU() ? 1
                    : threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            MiniLmTokenizer tokenizer = MiniLmTokenizer.create(files.readVerifiedTokenizer(), maxLength);
            try {
                return new SentenceEmbedder(tokenizer, SharedWeights.acquire(files), batchSize, maxBatchTokens,
                        cores);
            } catch (IOException | RuntimeException e) {
                tokenizer.close();
                throw e;
            }
        }
    }
}
