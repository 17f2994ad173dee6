package io.llmeval.inference;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import io.llmeval.inference.model.MiniLmConfig;
import io.llmeval.inference.model.MiniLmEncoder;
import io.llmeval.inference.model.ModelFiles;
import io.llmeval.inference.model.SharedWeights;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;

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
 * most {@code batchSize} texts and {@code maxBatchTokens} padded tokens (so each pass holds texts of similar
 * length), and returns the vectors in input order. Results do not depend on how texts are batched (up to
 * float rounding, ~1e-7).
 *
 * <p>The weights are shared by every embedder of the JVM ({@link SharedWeights}); an embedder is safe to use
 * from several threads (ND4J workspaces are per thread). Close it to release its share of the weights.
 */
public final class SentenceEmbedder implements AutoCloseable {

    /** Dimension of the returned vectors. */
    public static final int DIMENSION = MiniLmConfig.EMBEDDING_DIM;

    /** The model's name on the Hugging Face hub. */
    public static final String MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2";

    private final MiniLmTokenizer tokenizer;
    private final SharedWeights.Lease weights;
    private final MiniLmEncoder encoder;
    private final int batchSize;
    private final int maxBatchTokens;

    private SentenceEmbedder(MiniLmTokenizer tokenizer, SharedWeights.Lease weights, int batchSize,
            int maxBatchTokens) {
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.encoder = new MiniLmEncoder(weights.weights());
        this.batchSize = batchSize;
        this.maxBatchTokens = maxBatchTokens;
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
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length && end - start < batchSize
                    && (long) (end - start + 1) * ids[order[end]].length <= maxBatchTokens) {
                end++;
            }
            int[][] chunk = new int[end - start][];
            for (int i = start; i < end; i++) {
                chunk[i - start] = ids[order[i]];
            }
            float[][] vectors = encoder.encode(chunk);
            for (int i = start; i < end; i++) {
                out[order[i]] = vectors[i - start];
            }
            start = end;
        }
        return out;
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

    @Override
    public void close() {
        tokenizer.close();
        weights.close();
    }

    /** Builds a {@link SentenceEmbedder}; every setting has a default. */
    public static final class Builder {
        private ModelFiles files = ModelFiles.classpath();
        private int maxLength = MiniLmTokenizer.DEFAULT_MAX_LENGTH;
        private int batchSize = 64;
        private int maxBatchTokens = 8192;
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

        /** Most padded tokens (texts x longest text) per forward pass, bounding memory; default 8192. */
        public Builder maxBatchTokens(int maxBatchTokens) {
            this.maxBatchTokens = maxBatchTokens;
            return this;
        }

        /**
         * Threads for ND4J and OpenBLAS, process-wide (see {@link NativeEnvironment#configureThreads(int)});
         * 0 (default) leaves the current setting.
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
            if (threads > 0) {
                NativeEnvironment.configureThreads(threads);
            }
            MiniLmTokenizer tokenizer = MiniLmTokenizer.create(files.readVerifiedTokenizer(), maxLength);
            try {
                return new SentenceEmbedder(tokenizer, SharedWeights.acquire(files), batchSize, maxBatchTokens);
            } catch (IOException | RuntimeException e) {
                tokenizer.close();
                throw e;
            }
        }
    }
}
