package io.llmeval.bench.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedding benchmark's texts: real English from Debian's fortune files, committed in
 * {@code bench/embed-texts/fortunes.jsonl} (made by {@code make-fortunes.py} beside it; BSD licence there).
 * Sets: {@code short} (1,000 texts of 3-12 words), {@code mixed} (1,200 texts of 3-200 words, shaped like log
 * prompts and responses), {@code long} (115 texts of 180-300 words); the drift window is the first
 * {@value #DRIFT_WINDOW} texts of {@code mixed}. No text occurs twice, so nothing can be served from a cache.
 */
final class EmbedTexts {

    static final Path DEFAULT_FILE = Paths.get("bench/embed-texts/fortunes.jsonl");
    static final List<String> SETS = List.of("short", "mixed", "long");
    static final int DRIFT_WINDOW = 500;

    private EmbedTexts() {}

    /** The texts of {@code set} in file order. */
    static List<String> load(Path file, String set) {
        if (!SETS.contains(set)) {
            throw new IllegalArgumentException("text set must be one of " + SETS + " but was " + set);
        }
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                JsonNode n = json.readTree(line);
                if (set.equals(n.get("set").asText())) {
                    out.add(n.get("text").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read benchmark texts " + file.toAbsolutePath(), e);
        }
        return out;
    }

    /** The drift window: {@value #DRIFT_WINDOW} unique prompts of realistic length. */
    static List<String> driftWindow(Path file) {
        return load(file, "mixed").subList(0, DRIFT_WINDOW);
    }
}
