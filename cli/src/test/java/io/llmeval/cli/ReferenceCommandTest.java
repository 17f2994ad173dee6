package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.sink.FileOutputs;
import io.llmeval.udfs.drift.Npy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm-eval reference build}, the generator's reference file, and {@code --reference} on the jobs. */
class ReferenceCommandTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path gen;
    static Path reference;

    @BeforeAll
    static void generateAndBuild() {
        gen = dir.resolve("gen");
        CliRun generate = CliRun.of("generate", "--records", "2400", "--seed", "5", "--output", gen.toString(),
                "--reference-records", "2000");
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        reference = dir.resolve("ref");
        CliRun build = CliRun.of("reference", "build", "--input", gen.resolve("reference.jsonl").toString(),
                "--max", "1500", "--out", reference.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.err()).contains("1500 prompt embeddings", "of 2000 eligible in 2000 lines", "6 keys");
    }

    @Test
    void generateWritesCleanReferenceRecordsBeforeTheLogs() throws Exception {
        List<String> lines = Files.readAllLines(gen.resolve("reference.jsonl"));
        assertThat(lines).hasSize(2000);
        Instant logsStart = Instant.parse("2026-01-01T00:00:00Z");
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.get("request_id").asText()).startsWith("req-");
            assertThat(record.get("prompt").asText()).isNotBlank();
        }
        JsonNode metadata = JSON.readTree(reference.resolve("reference.json").toFile());
        assertThat(Instant.parse(metadata.at("/time_range/to").asText())).isBefore(logsStart);
        assertThat(Files.list(gen.resolve("logs")).map(p -> p.getFileName().toString()).toList())
                .noneMatch(name -> name.startsWith("reference"));
    }

    @Test
    void buildWritesEmbeddingsAndMetadata() throws Exception {
        JsonNode metadata = JSON.readTree(reference.resolve("reference.json").toFile());
        assertThat(metadata.get("count").asInt()).isEqualTo(1500);
        assertThat(metadata.get("field").asText()).isEqualTo("prompt");
        assertThat(metadata.at("/model/id").asText()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(metadata.at("/model/max_length").asInt()).isEqualTo(256);
        assertThat(metadata.at("/model/weights_sha256").asText()).hasSize(64);
        assertThat(metadata.get("keys")).hasSize(6);
        float[][] vectors = Npy.readFloatMatrix(reference.resolve("embeddings.npy"));
        assertThat(vectors).hasNumberOfRows(1500);
        double norm = 0;
        for (float v : vectors[0]) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void buildTakesPlainTextsAndATimeRange() throws Exception {
        Path texts = dir.resolve("texts.jsonl");
        Files.write(texts, List.of("{\"text\": \"How long is the warranty on the router?\"}",
                "{\"text\": \"Summarize the main benefits of unit testing.\"}", "not json", "{\"text\": \"\"}",
                "{\"text\": \"Translate good morning into French.\"}"));
        CliRun plain = CliRun.of("reference", "build", "--input", texts.toString(), "--out", dir.resolve("plain").toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.err()).contains("3 prompt embeddings", "malformed_json=1");
        assertThat(JSON.readTree(dir.resolve("plain/reference.json").toFile()).get("keys")).isEmpty();

        CliRun ranged = CliRun.of("reference", "build", "--input", gen.resolve("logs").toString(),
                "--from", "2026-01-01T00:00:30Z", "--to", "2026-01-01T00:01:00Z", "--field", "response",
                "--out", dir.resolve("ranged").toString());
        assertThat(ranged.exitCode()).as(ranged.err()).isZero();
        JsonNode metadata = JSON.readTree(dir.resolve("ranged/reference.json").toFile());
        assertThat(metadata.get("field").asText()).isEqualTo("response");
        assertThat(metadata.get("count").asInt()).isBetween(450, 650); // 30 s at 20 requests/s, errors have no response
        assertThat(Instant.parse(metadata.at("/time_range/from").asText())).isAfterOrEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
        assertThat(Instant.parse(metadata.at("/time_range/to").asText())).isBefore(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(ranged.err()).contains("outside_time_range=");
    }

    @Test
    void jobsRefuseAReferenceOfOtherSettingsWithOneLine() {
        Path shortInputs = dir.resolve("ref-128");
        CliRun build = CliRun.of("reference", "build", "--input", gen.resolve("reference.jsonl").toString(), "--max", "100",
                "--max-length", "128", "--out", shortInputs.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();

        CliRun otherLength = CliRun.of("backfill", "--input", gen.resolve("logs").toString(), "--output",
                dir.resolve("o1").toString(), "--reference", shortInputs.toString(), "--prometheus-port", "none");
        assertThat(otherLength.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(otherLength.err().strip()).doesNotContain("\n")
                .contains("was built with another embedding model or settings (max_length 128 vs 256");

        CliRun otherField = CliRun.of("backfill", "--input", gen.resolve("logs").toString(), "--output",
                dir.resolve("o2").toString(), "--reference", reference.toString(), "--conf", "llm-eval.drift.field=response");
        assertThat(otherField.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(otherField.err()).contains("holds prompt embeddings but the job embeds responses");

        CliRun badField = CliRun.of("reference", "build", "--input", gen.toString(), "--field", "title", "--out", "x");
        assertThat(badField.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    /** {@code --reference FILE}: the JSON-lines reference is embedded at start-up, and drift rows come out. */
    @Test
    void backfillWithAJsonLinesReferenceWritesDriftRows() throws Exception {
        Path out = dir.resolve("backfill");
        CliRun backfill = CliRun.of("backfill", "--input", gen.resolve("logs").toString(), "--output", out.toString(),
                "--reference", gen.resolve("reference.jsonl").toString(), "--prometheus-port", "none");
        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        assertThat(out.resolve("reference/reference.json")).isRegularFile();
        List<String> rows = OutputFiles.sortedLines(out, FileOutputs.DRIFT_DIR);
        assertThat(rows).hasSize(6); // 2 minutes of traffic: one 5-minute window per key
        for (String line : rows) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.get("drift_status").asText()).isEqualTo("ok");
            assertThat(row.get("drift_detected").asBoolean()).as(line).isFalse();
            assertThat(row.get("drift_sample_count").asInt()).isBetween(300, 500);
        }
    }
}
