package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.OutputFiles;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI contract: commands, output layout, exit codes and one-line errors, run in-process. */
class LlmEvalCliTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void generateWritesLogsAndTheIncidentManifest(@TempDir Path dir) throws Exception {
        CliRun run = run("generate", "--records", "20000", "--seed", "3", "--output", dir.toString(), "--gzip",
                "--incidents", "all");

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("part-00000.jsonl.gz", "part-00001.jsonl.gz");
        }
        JsonNode incidents = new ObjectMapper().readTree(dir.resolve("incidents.json").toFile());
        assertThat(incidents).hasSize(5);
        for (JsonNode incident : incidents) {
            assertThat(incident.fieldNames()).toIterable().containsExactly("type", "model", "route", "start", "end");
            assertThat(incident.get("start").asText()).endsWith("Z");
        }
    }

    @Test
    void backfillAndBoundedStreamWriteTheContractLayout(@TempDir Path dir) throws Exception {
        assertThat(run("generate", "--records", "3000", "--output", dir.resolve("gen").toString()).exitCode()).isZero();

        CliRun backfill = run("backfill", "--input", dir.resolve("gen/logs/*.jsonl").toString(),
                "--output", dir.resolve("b").toString(), "--prometheus-port", "none");
        CliRun stream = run("stream", "--input", dir.resolve("gen/logs").toString(), "--bounded",
                "--output", dir.resolve("s").toString(), "--prometheus-port", "none", "--parallelism", "2");

        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        assertThat(stream.exitCode()).as(stream.err()).isZero();
        List<String> windows = OutputFiles.sortedLines(dir.resolve("b"), "windows");
        assertThat(windows).isNotEmpty().isEqualTo(OutputFiles.sortedLines(dir.resolve("s"), "windows"));
        assertThat(new ObjectMapper().readTree(windows.get(0)).fieldNames()).toIterable()
                .startsWith("window_start", "window_end", "model", "route", "request_count");
        assertThat(dir.resolve("b/dead-letters")).isDirectory();
        assertThat(dir.resolve("s/dead-letters")).isDirectory();
    }

    @Test
    void unusableArgumentsExitWithTwoAndOneLine() {
        for (String[] args : List.of(
                new String[] {"generate", "--output", "x"},
                new String[] {"generate", "--records", "10", "--output", "x", "--incidents", "meteor_strike"},
                new String[] {"generate", "--records", "100", "--output", "x", "--incidents", "topic_drift"},
                new String[] {"backfill", "--input", "x", "--output", "y", "--window", "soon"},
                new String[] {"stream", "--input", "x", "--output", "y", "--source", "carrier-pigeon"},
                new String[] {"no-such-command"},
                new String[] {})) {
            CliRun run = run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().strip()).as(String.join(" ", args)).startsWith("llm-eval: ").doesNotContain("\n");
        }
    }

    @Test
    void unusableInputsExitWithThreeAndOneLine(@TempDir Path dir) {
        CliRun missing = run("backfill", "--input", dir.resolve("nope").toString(), "--output", dir.resolve("o").toString());
        CliRun emptyGlob = run("backfill", "--input", dir.resolve("*.jsonl").toString(), "--output", dir.resolve("o").toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("llm-eval: input does not exist: " + dir.resolve("nope"));
        assertThat(emptyGlob.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(emptyGlob.err().strip()).startsWith("llm-eval: input glob matches no file");
    }
}
