package io.llmeval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads an output directory of {@code backfill}, {@code stream} or {@code demo}: the JSON lines of
 * {@code windows/}, {@code drift/}, {@code alerts/}, {@code dead-letters/} and {@code stages/}. A missing folder
 * reads as empty (a run without {@code --reference} has no {@code drift/}); files whose names start with {@code .}
 * or {@code _} are skipped (a streaming sink's in-progress part files); a line that is not a row of its folder is
 * counted in {@link RunOutput#unreadableLines()} and the page says so.
 */
public final class OutputDirectoryReader {

    public static final String WINDOWS = "windows";
    public static final String DRIFT = "drift";
    public static final String ALERTS = "alerts";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String STAGES = "stages";
    private static final List<String> FOLDERS = List.of(WINDOWS, DRIFT, ALERTS, DEAD_LETTERS, STAGES);

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * @throws UnusableInputException when {@code directory} is not a directory or holds none of the folders
     */
    public RunOutput read(Path directory) throws UnusableInputException {
        if (!Files.isDirectory(directory)) {
            throw new UnusableInputException("no such directory: " + directory);
        }
        if (FOLDERS.stream().noneMatch(folder -> Files.isDirectory(directory.resolve(folder)))) {
            throw new UnusableInputException(directory + " is not an llm-eval output directory (it has none of "
                    + String.join("/, ", FOLDERS) + "/)");
        }
        Map<String, Long> unreadable = new TreeMap<>();
        try {
            return new RunOutput(directory,
                    rows(directory, WINDOWS, WindowRow.class, unreadable),
                    rows(directory, DRIFT, DriftRow.class, unreadable),
                    rows(directory, ALERTS, AlertRow.class, unreadable),
                    rows(directory, DEAD_LETTERS, DeadLetterRow.class, unreadable),
                    rows(directory, STAGES, StageRow.class, unreadable),
                    unreadable);
        } catch (UncheckedIOException e) {
            throw new UnusableInputException("cannot read " + directory + ": " + e.getCause().getMessage());
        }
    }

    private <T> List<T> rows(Path directory, String folder, Class<T> type, Map<String, Long> unreadable) {
        Path dir = directory.resolve(folder);
        List<T> rows = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        ObjectReader reader = mapper.readerFor(type);
        for (Path file : partFiles(dir)) {
            // InputStreamReader replaces malformed UTF-8 (the line is then unreadable JSON, counted) instead of failing.
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        rows.add(reader.readValue(line));
                    } catch (JsonProcessingException e) {
                        unreadable.merge(folder, 1L, Long::sum);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }

    private static List<Path> partFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
