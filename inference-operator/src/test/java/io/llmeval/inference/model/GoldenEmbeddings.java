package io.llmeval.inference.model;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.inference.tokenizer.MiniLmTokenizer;

/**
 * The golden file {@code parity/golden-embeddings.jsonl}: ONNX Runtime's embeddings of a few parity texts, so that
 * a build without ONNX Runtime (a CUDA machine running {@code bench/gpu-check.sh}) can check its output.
 *
 * <p>Regenerate (only when the model or the corpus changes) with
 * <pre>{@code
 * mvn -pl inference-operator test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp inference-operator/target/test-classes:inference-operator/target/classes:$(cat inference-operator/target/cp.txt) \
 *     io.llmeval.inference.model.GoldenEmbeddings inference-operator/src/test/resources/parity/golden-embeddings.jsonl
 * }</pre>
 */
public final class GoldenEmbeddings {

    /** Texts of the parity corpus that the golden file holds. */
    static final List<String> IDS = List.of("short-02", "medium-00", "medium-20", "words100-00", "long-00",
            "vietnamese-01", "cjk-02", "cjk-04", "emoji-01", "url-00", "code-00", "edge-00");

    public record Entry(String id, String text, int[] ids, float[] embedding) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenEmbeddings() {}

    /** Reads the golden file from the test classpath. */
    public static List<Entry> load() {
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : ParityCorpus.readJsonLines("/parity/golden-embeddings.jsonl")) {
            int[] ids = new int[n.get("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = n.get("ids").get(i).asInt();
            }
            float[] v = new float[n.get("embedding").size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) n.get("embedding").get(i).asDouble();
            }
            out.add(new Entry(n.get("id").asText(), n.get("text").asText(), ids, v));
        }
        return out;
    }

    /** Writes the golden file with ONNX Runtime; argument: output path. */
    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args[0]);
        ModelFiles files = ModelFiles.classpath();
        Map<String, ParityCorpus.Text> byId = new LinkedHashMap<>();
        for (ParityCorpus.Text t : ParityCorpus.load()) {
            byId.put(t.id(), t);
        }
        try (MiniLmTokenizer tokenizer = MiniLmTokenizer.create(files.readVerifiedTokenizer(),
                        MiniLmTokenizer.DEFAULT_MAX_LENGTH);
                OnnxReference onnx = new OnnxReference(files.readVerifiedOnnx(), 2);
                PrintStream ps = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            for (String id : IDS) {
                ParityCorpus.Text t = byId.get(id);
                int[] ids = tokenizer.encode(t.text());
                float[] v = onnx.embed(new int[][] {ids})[0];
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", id);
                line.put("text", t.text());
                line.put("max_length", MiniLmTokenizer.DEFAULT_MAX_LENGTH);
                line.put("ids", ids);
                line.put("embedding", v);
                ps.println(JSON.writeValueAsString(line));
            }
        }
        System.out.println("Wrote " + IDS.size() + " golden embeddings to " + out);
    }
}
