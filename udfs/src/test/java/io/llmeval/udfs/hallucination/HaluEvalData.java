package io.llmeval.udfs.hallucination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The HaluEval QA development file ({@code shared/data/halueval/qa_one-turn_data.json}) as labelled
 * responses: each line gives (knowledge, right_answer) = faithful and (knowledge, hallucinated_answer) =
 * hallucinated. Found through {@code -Dllmeval.shared.dir}, else by walking up from the working directory
 * (from {@code udfs/} that is {@code ../../shared}).
 */
final class HaluEvalData {

    static final String FILE = "qa_one-turn_data.json";

    private HaluEvalData() {
    }

    static Path file() {
        String configured = System.getProperty("llmeval.shared.dir");
        if (configured != null) {
            Path file = Paths.get(configured, "data", "halueval", FILE);
            if (Files.isRegularFile(file)) {
                return file;
            }
            throw new IllegalStateException("llmeval.shared.dir=" + configured + " has no data/halueval/" + FILE);
        }
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("halueval").resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("HaluEval data not found: no shared/data/halueval/" + FILE + " in "
                + start + " or any parent (expected ../shared/ beside the project root, i.e. "
                + "../../shared from udfs/; or set -Dllmeval.shared.dir=/path/to/shared)");
    }

    static List<LabeledResponse> examples() {
        ObjectMapper json = new ObjectMapper();
        List<LabeledResponse> examples = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
            int group = 0;
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                String knowledge = node.get("knowledge").asText();
                String question = node.get("question").asText();
                examples.add(new LabeledResponse(group + "-right", node.get("right_answer").asText(), knowledge,
                        question, false, group));
                examples.add(new LabeledResponse(group + "-hallucinated", node.get("hallucinated_answer").asText(),
                        knowledge, question, true, group));
                group++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
