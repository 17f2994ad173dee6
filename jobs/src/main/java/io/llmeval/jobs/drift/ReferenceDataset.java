package io.llmeval.jobs.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmeval.inference.ModelFingerprint;
import io.llmeval.udfs.drift.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A drift reference on disk: the embeddings of a baseline slice of traffic and what they are comparable with.
 *
 * <pre>
 * DIR/reference.json      metadata: format, model fingerprint, field, count, time range, keys, sources
 * DIR/embeddings.npy      float32 (count, 384)
 * DIR/key_index.npy       int64 (count,): index into reference.json's "keys", -1 for rows without a key
 * DIR/input_tokens.npy    int64 (count,): the record's input_tokens, -1 when unknown
 * DIR/output_tokens.npy   int64 (count,): output_tokens of successful requests, -1 when unknown
 * </pre>
 *
 * <p>{@code .npy} so that the notebooks (and numpy users) read it with {@code np.load}, and loading is a mapped
 * bulk copy (10,000 × 384 floats in milliseconds). {@link #requireCompatible} refuses a reference built with
 * another model, tokenizer or truncation: its vectors live in another space.
 */
public final class ReferenceDataset {

    public static final int FORMAT_VERSION = 1;
    public static final String METADATA_FILE = "reference.json";
    static final String EMBEDDINGS_FILE = "embeddings.npy";
    static final String KEY_INDEX_FILE = "key_index.npy";
    static final String INPUT_TOKENS_FILE = "input_tokens.npy";
    static final String OUTPUT_TOKENS_FILE = "output_tokens.npy";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A (model, route) of the reference. */
    public record Key(String model, String route) {}

    /**
     * Where the rows came from.
     *
     * @param fromMillis event time of the earliest row, or {@code null} for texts without a time
     * @param toMillis   event time of the latest row, or {@code null}
     * @param sources    the inputs the builder read
     */
    public record Provenance(Long fromMillis, Long toMillis, List<String> sources) {}

    private final ModelFingerprint model;
    private final TextField field;
    private final float[][] vectors;
    private final int[] keyIndex;
    private final List<Key> keys;
    private final long[] inputTokens;
    private final long[] outputTokens;
    private final Provenance provenance;

    public ReferenceDataset(ModelFingerprint model, TextField field, float[][] vectors, int[] keyIndex, List<Key> keys,
                            long[] inputTokens, long[] outputTokens, Provenance provenance) {
        int n = vectors.length;
        if (keyIndex.length != n || inputTokens.length != n || outputTokens.length != n) {
            throw new IllegalArgumentException("reference columns differ in length");
        }
        this.model = Objects.requireNonNull(model, "model");
        this.field = Objects.requireNonNull(field, "field");
        this.vectors = vectors;
        this.keyIndex = keyIndex;
        this.keys = List.copyOf(keys);
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.provenance = provenance;
    }

    public ModelFingerprint model() {
        return model;
    }

    public TextField field() {
        return field;
    }

    public int size() {
        return vectors.length;
    }

    public List<Key> keys() {
        return keys;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Rows of {@code key} (all rows for {@code null}): their vectors and token counts. */
    public Rows rows(Key key) {
        int wanted = key == null ? -2 : keys.indexOf(key);
        List<float[]> v = new ArrayList<>();
        List<Long> in = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            if (wanted == -2 || keyIndex[i] == wanted) {
                v.add(vectors[i]);
                if (inputTokens[i] >= 0) {
                    in.add(inputTokens[i]);
                }
                if (outputTokens[i] >= 0) {
                    out.add(outputTokens[i]);
                }
            }
        }
        return new Rows(v.toArray(new float[0][]), in.stream().mapToDouble(Long::doubleValue).toArray(),
                out.stream().mapToDouble(Long::doubleValue).toArray());
    }

    /** Some rows of the reference: vectors, and the known input and output token counts among them. */
    public record Rows(float[][] vectors, double[] inputTokens, double[] outputTokens) {}

    /**
     * Fails unless vectors from {@code embedder} are comparable with this reference's, and the job embeds the
     * same field.
     */
    public void requireCompatible(ModelFingerprint embedder, TextField jobField, String where) {
        new Header(model, field, vectors.length, keys, provenance).requireCompatible(embedder, jobField, where);
    }

    /** What {@code reference.json} says: enough to check a reference without reading its arrays. */
    public record Header(ModelFingerprint model, TextField field, int count, List<Key> keys, Provenance provenance) {

        /**
         * Fails unless vectors from {@code embedder} are comparable with the reference's, and the job embeds the
         * same field.
         */
        public void requireCompatible(ModelFingerprint embedder, TextField jobField, String where) {
            List<String> differences = model.differences(embedder);
            if (!differences.isEmpty()) {
                throw new IncompatibleReferenceException(where + " was built with another embedding model or settings ("
                        + String.join(", ", differences) + ", reference vs this job); rebuild it with `llm-eval reference build`"
                        + " using this job's model and llm-eval.inference.max-length");
            }
            if (field != jobField) {
                throw new IncompatibleReferenceException(where + " holds " + field.id() + " embeddings but the job embeds "
                        + jobField.id() + "s (llm-eval.drift.field)");
            }
        }
    }

    /** A reference that cannot be compared with this job's embeddings. */
    public static final class IncompatibleReferenceException extends IllegalArgumentException {
        public IncompatibleReferenceException(String message) {
            super(message);
        }
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Npy.writeFloatMatrix(dir.resolve(EMBEDDINGS_FILE), vectors);
        long[] index = new long[keyIndex.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = keyIndex[i];
        }
        Npy.writeLongVector(dir.resolve(KEY_INDEX_FILE), index);
        Npy.writeLongVector(dir.resolve(INPUT_TOKENS_FILE), inputTokens);
        Npy.writeLongVector(dir.resolve(OUTPUT_TOKENS_FILE), outputTokens);
        // The metadata last: a directory without it is an unfinished build.
        Files.writeString(dir.resolve(METADATA_FILE), metadata().toPrettyString() + "\n");
    }

    private ObjectNode metadata() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        ObjectNode m = root.putObject("model");
        m.put("id", model.modelId());
        m.put("weights_sha256", model.weightsSha256());
        m.put("tokenizer_sha256", model.tokenizerSha256());
        m.put("max_length", model.maxLength());
        m.put("dimension", model.dimension());
        m.put("pooling", model.pooling());
        m.put("normalized", model.normalized());
        root.put("field", field.id());
        root.put("count", vectors.length);
        ObjectNode range = root.putObject("time_range");
        range.put("from", provenance.fromMillis() == null ? null : Instant.ofEpochMilli(provenance.fromMillis()).toString());
        range.put("to", provenance.toMillis() == null ? null : Instant.ofEpochMilli(provenance.toMillis()).toString());
        ArrayNode keyArray = root.putArray("keys");
        int[] counts = new int[keys.size()];
        for (int k : keyIndex) {
            if (k >= 0) {
                counts[k]++;
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            keyArray.addObject().put("model", keys.get(i).model()).put("route", keys.get(i).route()).put("count", counts[i]);
        }
        ArrayNode sources = root.putArray("sources");
        provenance.sources().forEach(sources::add);
        return root;
    }

    /** Reads a reference directory; fails with a message naming the problem. */
    public static ReferenceDataset read(Path dir) throws IOException {
        Header header = readHeader(dir);
        float[][] vectors = Npy.readFloatMatrix(dir.resolve(EMBEDDINGS_FILE));
        long[] index = Npy.readLongVector(dir.resolve(KEY_INDEX_FILE));
        int[] keyIndex = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            keyIndex[i] = Math.toIntExact(index[i]);
        }
        if (vectors.length != header.count()) {
            throw new IOException(dir + ": " + METADATA_FILE + " says " + header.count() + " rows, " + EMBEDDINGS_FILE
                    + " has " + vectors.length);
        }
        if (vectors.length > 0 && vectors[0].length != header.model().dimension()) {
            throw new IOException(dir + ": vectors have " + vectors[0].length + " dimensions, the model "
                    + header.model().dimension());
        }
        return new ReferenceDataset(header.model(), header.field(), vectors, keyIndex, header.keys(),
                Npy.readLongVector(dir.resolve(INPUT_TOKENS_FILE)), Npy.readLongVector(dir.resolve(OUTPUT_TOKENS_FILE)),
                header.provenance());
    }

    /** Reads only a reference directory's {@code reference.json}. */
    public static Header readHeader(Path dir) throws IOException {
        Path metadataFile = dir.resolve(METADATA_FILE);
        if (!Files.isRegularFile(metadataFile)) {
            throw new IOException(dir + " is not a drift reference: " + METADATA_FILE + " is missing (build one with"
                    + " `llm-eval reference build`)");
        }
        JsonNode root = JSON.readTree(metadataFile.toFile());
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(metadataFile + ": unsupported reference format_version " + version);
        }
        JsonNode m = root.path("model");
        ModelFingerprint model = new ModelFingerprint(m.path("id").asText(), m.path("weights_sha256").asText(),
                m.path("tokenizer_sha256").asText(), m.path("max_length").asInt(), m.path("dimension").asInt(),
                m.path("pooling").asText(), m.path("normalized").asBoolean());
        List<Key> keys = new ArrayList<>();
        root.path("keys").forEach(k -> keys.add(new Key(k.path("model").asText(), k.path("route").asText())));
        List<String> sources = new ArrayList<>();
        root.path("sources").forEach(s -> sources.add(s.asText()));
        JsonNode range = root.path("time_range");
        Provenance provenance = new Provenance(instant(range.path("from")), instant(range.path("to")), sources);
        return new Header(model, TextField.fromId(root.path("field").asText()), root.path("count").asInt(-1),
                List.copyOf(keys), provenance);
    }

    private static Long instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()).toEpochMilli() : null;
    }
}
