package io.llmeval.inference.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parity texts ({@code parity/texts.jsonl}: short, ~100-word, longer than 256 tokens, Vietnamese, CJK, emoji,
 * URLs, code, edge cases) with their reference token ids from tokenizers.js ({@code parity/reference-ids.jsonl}).
 */
final class ParityCorpus {

    record Text(String id, String category, String text, int[] referenceIds) {

        /** The reference ids truncated the way HF truncates a single sequence to {@code maxLength}. */
        int[] referenceIds(int maxLength) {
            if (referenceIds.length <= maxLength) {
                return referenceIds;
            }
            int[] out = new int[maxLength];
            System.arraycopy(referenceIds, 0, out, 0, maxLength - 1);
            out[maxLength - 1] = referenceIds[referenceIds.length - 1];
            return out;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParityCorpus() {}

    static List<Text> load() {
        Map<String, int[]> ids = new HashMap<>();
        for (JsonNode n : readJsonLines("/parity/reference-ids.jsonl")) {
            int[] v = new int[n.get("ids").size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = n.get("ids").get(i).asInt();
            }
            ids.put(n.get("id").asText(), v);
        }
        List<Text> texts = new ArrayList<>();
        for (JsonNode n : readJsonLines("/parity/texts.jsonl")) {
            String id = n.get("id").asText();
            texts.add(new Text(id, n.get("category").asText(), n.get("text").asText(), ids.get(id)));
        }
        return texts;
    }

    static List<JsonNode> readJsonLines(String resource) {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = ParityCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
