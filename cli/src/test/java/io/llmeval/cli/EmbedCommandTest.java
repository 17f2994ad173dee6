package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm-eval embed} end to end: real model, JSON lines in, unit vectors out, in input order. */
class EmbedCommandTest {

    @Test
    void embedsTextsInOrderAsUnitVectorsThatKeepMeaning(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("texts.jsonl");
        Files.write(in, List.of(
                "{\"id\":\"router\",\"text\":\"The router supports up to 64 connected devices.\"}",
                "{\"id\":\"router-paraphrase\",\"text\":\"Up to 64 devices can connect to this router.\"}",
                "{\"id\":\"soup\",\"text\":\"Simmer the tomato soup for twenty minutes, then add basil.\"}"));
        Path out = dir.resolve("vectors.jsonl");

        int code = LlmEval.execute("embed", "--input", in.toString(), "--output", out.toString());

        assertThat(code).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = Files.readAllLines(out).stream().map(line -> {
            try {
                return json.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(rows).extracting(r -> r.get("id").asText()).containsExactly("router", "router-paraphrase", "soup");
        float[][] vectors = rows.stream().map(r -> vector(r.get("embedding"))).toArray(float[][]::new);
        for (float[] v : vectors) {
            assertThat(v).hasSize(384);
            assertThat(dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(dot(vectors[0], vectors[1])).isGreaterThan(0.7).isGreaterThan(dot(vectors[0], vectors[2]) + 0.4);
    }

    @Test
    void rejectsAMaxLengthTheModelCannotTake() {
        assertThat(LlmEval.execute("embed", "--max-length", "1024")).isEqualTo(ExitCodes.USAGE);
    }

    private static float[] vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
