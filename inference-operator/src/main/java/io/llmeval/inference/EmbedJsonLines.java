package io.llmeval.inference;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The logic of {@code llm-eval embed [--max-length N] < texts.jsonl > vectors.jsonl}: reads
 * {@code {"id", "text"}} lines, writes {@code {"id", "embedding": [384 floats]}} lines in the same order.
 *
 * <pre>{@code
 * try (SentenceEmbedder embedder = SentenceEmbedder.builder().maxLength(256).build()) {
 *     long n = new EmbedJsonLines(embedder, 256).run(System.in, System.out);
 * }
 * }</pre>
 *
 * <p>Input lines are processed in chunks of {@code chunkSize} (each chunk is one {@link SentenceEmbedder#embed}
 * call, so length bucketing applies within it); blank lines are skipped; {@code id} is copied as it is (string or
 * number) and may be absent. A line that is not a JSON object with a string {@code text} fails the run with its
 * line number.
 */
public final class EmbedJsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<List<String>, float[][]> embed;
    private final int chunkSize;

    public EmbedJsonLines(SentenceEmbedder embedder, int chunkSize) {
        this(embedder::embed, chunkSize);
    }

    /**
     * With any embedding function (one vector per text, in order); the benchmark runs ONNX Runtime through the
     * same reading and writing.
     */
    public EmbedJsonLines(Function<List<String>, float[][]> embed, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1 but was " + chunkSize);
        }
        this.embed = Objects.requireNonNull(embed, "embed");
        this.chunkSize = chunkSize;
    }

    /** Embeds every line of {@code in} into {@code out}; returns the number of vectors written. */
    public long run(InputStream in, OutputStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<JsonNode> ids = new ArrayList<>(chunkSize);
        List<String> texts = new ArrayList<>(chunkSize);
        long lineNumber = 0;
        long written = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = parse(line, lineNumber);
            ids.add(node.get("id"));
            texts.add(node.get("text").asText());
            if (texts.size() == chunkSize) {
                written += write(ids, texts, writer);
            }
        }
        written += write(ids, texts, writer);
        writer.flush();
        return written;
    }

    private static JsonNode parse(String line, long lineNumber) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException("Line " + lineNumber + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || node.get("text") == null || !node.get("text").isTextual()) {
            throw new IOException("Line " + lineNumber + " is not a JSON object with a string \"text\"");
        }
        return node;
    }

    private long write(List<JsonNode> ids, List<String> texts, Writer writer) throws IOException {
        if (texts.isEmpty()) {
            return 0;
        }
        float[][] vectors = embed.apply(texts);
        JsonFactory factory = JSON.getFactory();
        for (int i = 0; i < vectors.length; i++) {
            StringWriter line = new StringWriter(8 * 1024);
            try (JsonGenerator g = factory.createGenerator(line)) {
                g.writeStartObject();
                if (ids.get(i) != null) {
                    g.writeFieldName("id");
                    JSON.writeTree(g, ids.get(i));
                }
                g.writeArrayFieldStart("embedding");
                for (float f : vectors[i]) {
                    g.writeNumber(f);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            writer.write(line.toString());
            writer.write('\n');
        }
        ids.clear();
        texts.clear();
        return vectors.length;
    }
}
