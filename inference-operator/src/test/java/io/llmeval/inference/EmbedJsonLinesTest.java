package io.llmeval.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbedJsonLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SentenceEmbedder embedder;

    @BeforeAll
    static void load() throws Exception {
        embedder = SentenceEmbedder.builder().build();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static List<String> run(String input, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EmbedJsonLines(embedder, chunk).run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void writesOneVectorPerLineInOrderKeepingIds() throws IOException {
        String input = "{\"id\":\"a\",\"text\":\"hello world\"}\n\n{\"id\":7,\"text\":\"Xin chào\"}\n{\"text\":\"no id\"}\n";
        List<String> lines = run(input, 2);
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("a");
        assertThat(JSON.readTree(lines.get(1)).get("id").isInt()).isTrue();
        assertThat(JSON.readTree(lines.get(2)).has("id")).isFalse();
        assertThat(first.get("embedding")).hasSize(384);
        float[] expected = embedder.embed("hello world");
        for (int i = 0; i < 384; i++) {
            assertThat(first.get("embedding").get(i).floatValue()).isCloseTo(expected[i], within(1e-6f));
        }
    }

    @Test
    void reportsTheLineNumberOfBadInput() {
        assertThatThrownBy(() -> run("{\"id\":1,\"text\":\"ok\"}\n{\"id\":2}\n", 10))
                .isInstanceOf(IOException.class)
                .hasMessage("Line 2 is not a JSON object with a string \"text\"");
        assertThatThrownBy(() -> run("not json\n", 10))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Line 1 is not valid JSON: ");
    }
}
