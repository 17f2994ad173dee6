package io.llmeval.bench.drift;

import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * all-MiniLM-L6-v2 embeddings of distinct texts, kept in one file so that a rerun of the benchmark skips the
 * model: generator prompts repeat (they come from templates), so each distinct text is embedded once.
 *
 * <pre>{@code
 * EmbeddingCache cache = EmbeddingCache.load(Path.of("bench/target/drift-minilm-embeddings.bin"));
 * cache.embedMissing(texts);            // loads the model only if some text is not cached yet
 * float[] v = cache.get("How much does the Belcor A3 router weigh?");
 * cache.save();
 * }</pre>
 *
 * <p>File: a header naming the embedder's {@code ModelFingerprint}, the entry count, then per entry the text
 * (modified UTF-8) and 384 floats. A file with another header is ignored (and overwritten on save).
 */
final class EmbeddingCache {

    /** Names the embedder's fingerprint (model, weight and tokenizer hashes, max length): another one is not reused. */
    static final String HEADER = "llm-eval drift embedding cache v1: "
            + SentenceEmbedder.fingerprint(MiniLmTokenizer.DEFAULT_MAX_LENGTH);

    private final Path file;
    private final Map<String, float[]> vectors = new LinkedHashMap<>();
    private int loaded;
    private int embedded;
    private double embedSeconds;

    private EmbeddingCache(Path file) {
        this.file = file;
    }

    /** The cache in {@code file}, empty when the file is missing or has another header; {@code null}: no file. */
    static EmbeddingCache load(Path file) throws IOException {
        EmbeddingCache cache = new EmbeddingCache(file);
        if (file == null || !Files.isRegularFile(file)) {
            return cache;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!HEADER.equals(in.readUTF())) {
                return cache;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String text = in.readUTF();
                float[] v = new float[SentenceEmbedder.DIMENSION];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                }
                cache.vectors.put(text, v);
            }
        }
        cache.loaded = cache.vectors.size();
        return cache;
    }

    /** Embeds, in one call of a freshly built embedder, every text not cached yet; the model is not loaded if none. */
    void embedMissing(Collection<String> texts) throws IOException {
        Set<String> unique = new LinkedHashSet<>();
        for (String text : texts) {
            if (!vectors.containsKey(text)) {
                unique.add(text);
            }
        }
        List<String> missing = new ArrayList<>(unique);
        if (missing.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().threads(1).build()) {
            float[][] out = embedder.embed(missing);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), out[i]);
            }
        }
        embedSeconds = (System.nanoTime() - t0) / 1e9;
        embedded = missing.size();
    }

    float[] get(String text) {
        float[] v = vectors.get(text);
        if (v == null) {
            throw new IllegalStateException("not embedded: " + text);
        }
        return v;
    }

    /** Writes every vector to the file, if there is one and something new was embedded. */
    void save() throws IOException {
        if (file == null || embedded == 0) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeUTF(HEADER);
            out.writeInt(vectors.size());
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                out.writeUTF(e.getKey());
                for (float x : e.getValue()) {
                    out.writeFloat(x);
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** What this run did, e.g. {@code "718 texts embedded in 9.8 s (73 /s), 0 from the cache"}. */
    String summary() {
        return String.format(java.util.Locale.ROOT, "%d texts embedded in %.1f s (%.0f /s, model load included), %d from %s",
                embedded, embedSeconds, embedded == 0 ? 0 : embedded / embedSeconds, loaded,
                file == null ? "no cache file" : "the cache " + file);
    }
}
