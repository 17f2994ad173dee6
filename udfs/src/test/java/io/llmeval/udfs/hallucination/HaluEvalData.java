package io.llmeval.udfs.hallucination;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmeval.udfs.ProjectData;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HaluEval QA development file ({@code data/halueval/qa_one-turn_data.json} in the repository) as labelled
 * responses: each line gives (knowledge, right_answer) = faithful and (knowledge, hallucinated_answer) =
 * hallucinated.
 */
final class HaluEvalData {

    static final String FILE = "qa_one-turn_data.json";

    private HaluEvalData() {
    }

    static Path file() {
        return ProjectData.directory("halueval").resolve(FILE);
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
