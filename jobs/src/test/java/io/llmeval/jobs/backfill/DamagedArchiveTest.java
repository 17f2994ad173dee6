package io.llmeval.jobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.source.JsonLinesFileFormatTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One damaged file must not cost the others: {@code backfill} and {@code stream --bounded} over the damaged archive
 * (a truncated gzip, a file that is not gzip, a corrupt gzip member, beside intact files) finish with exit 0, write
 * one {@code unreadable_input} dead letter per damaged file and name those files in a one-line warning, and account
 * for every readable line: counted in windows or dead-lettered.
 */
class DamagedArchiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DAMAGED = List.of("2026-01-01-b-truncated.jsonl.gz",
            "2026-01-01-c-not-gzip.jsonl.gz", "2026-01-01-d-corrupt-member.jsonl.gz");

    @TempDir
    Path dir;

    private static List<JsonNode> lines(Path output, String subdir) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(output.resolve(subdir))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        nodes.add(JSON.readTree(line));
                    }
                }
            }
        }
        return nodes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"backfill", "stream"})
    void damagedFilesBecomeDeadLettersAndTheRunCarriesOn(String command) throws Exception {
        Path output = dir.resolve(command);
        List<String> args = new ArrayList<>(List.of(command, "--input", JsonLinesFileFormatTest.archive().toString(),
                "--output", output.toString(), "--prometheus-port", "none", "--parallelism", "2"));
        if (command.equals("stream")) {
            args.add("--bounded");
        }
        JobsCliRun run = JobsCliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> unreadable = lines(output, "dead-letters").stream()
                .filter(d -> d.path("reason").asText().equals("unreadable_input")).toList();
        assertThat(unreadable).extracting(d -> Path.of(d.path("source").asText().replaceFirst(":\\d+$", "")
                        .replaceFirst("^file:", "")).getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(DAMAGED);
        assertThat(unreadable).allSatisfy(d -> assertThat(d.path("detail").asText()).contains("bytes of the file"));
        String warning = run.err().lines().filter(l -> l.contains("warning")).findFirst().orElse("");
        assertThat(warning).startsWith("llm-eval " + command + ": warning: 3 damaged input files");
        DAMAGED.forEach(name -> assertThat(warning).contains(name));

        long readable = 0;
        try (Stream<Path> files = Files.list(JsonLinesFileFormatTest.archive())) {
            for (Path file : files.toList()) {
                readable += JsonLinesFileFormatTest.read(file.getFileName().toString()).size();
            }
        }
        long counted = lines(output, "windows").stream().mapToLong(w -> w.path("request_count").asLong()).sum();
        long deadLetters = lines(output, "dead-letters").size();
        assertThat(counted).as("the intact files and the records before each damage")
                .isGreaterThanOrEqualTo(150 + 84 + 70 + 80);
        assertThat(counted + deadLetters).as("readable lines (damage markers included) = counted + dead letters")
                .isEqualTo(readable);
    }

    @Test
    void theFixtureIsReallyDamaged() throws Exception {
        for (String name : DAMAGED) {
            List<io.llmeval.jobs.schema.RawLine> lines = JsonLinesFileFormatTest.read(name);
            assertThat(lines.get(lines.size() - 1).unreadable).as(name).isNotNull();
        }
    }
}
