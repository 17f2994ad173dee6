package io.llmeval.udfs.rouge;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmeval.udfs.ProjectData;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ROUGE parity set in the repository's {@code data/rouge}: pairs and the scores Google's {@code rouge_score}
 * gives them.
 */
final class RougeParityData {

    /** One pair of {@code pairs.jsonl}. */
    record Pair(String id, String category, String reference, String candidate) {
    }

    /** One row of {@code expected.tsv}. */
    record Expected(String id, boolean useStemmer, String metric, double precision, double recall,
            double fmeasure) {
    }

    private RougeParityData() {
    }

    static Path directory() {
        return ProjectData.directory("rouge");
    }

    static Map<String, Pair> pairs() {
        ObjectMapper json = new ObjectMapper();
        Map<String, Pair> pairs = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(directory().resolve("pairs.jsonl"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                Pair pair = new Pair(node.get("id").asText(), node.get("category").asText(),
                        node.get("reference").asText(), node.get("candidate").asText());
                pairs.put(pair.id(), pair);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }

    static List<Expected> expected() {
        List<Expected> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(directory().resolve("expected.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Expected(f[0], Boolean.parseBoolean(f[1]), f[2], Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
