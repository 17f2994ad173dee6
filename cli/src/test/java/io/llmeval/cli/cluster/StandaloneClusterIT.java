package io.llmeval.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.drift.DriftOptions;
import io.llmeval.jobs.drift.ReferenceBuilder;
import io.llmeval.jobs.drift.TextField;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real standalone cluster — JobManager and two TaskManagers as separate JVMs, configured by
 * flink-conf/config.yaml — runs the shaded job jar submitted through Flink's CliFrontend (`flink run`),
 * and writes the same windows as the in-process backfill.
 */
class StandaloneClusterIT {

    @TempDir
    static Path work;

    @RegisterExtension
    static final StandaloneClusterExtension CLUSTER = new StandaloneClusterExtension(2);

    @Test
    void flinkRunOfTheJobJarMatchesTheLocalBackfill() throws Exception {
        new TrafficGenerator(GeneratorConfig.of(12_000, 21, EnumSet.of(IncidentType.LATENCY_SPIKE))
                .withRecordsPerFile(4_000).withMalformedRate(0.005)).writeTo(work.resolve("gen"));
        String logs = work.resolve("gen/logs").toString();

        StandaloneCluster.ProcessResult submitted = CLUSTER.cluster().submit(CLUSTER.layout().jobJar(), 2,
                List.of("backfill", "--input", logs, "--output", work.resolve("cluster-out").toString()));
        EvalJob.run(new EvalJobSettings(RuntimeExecutionMode.BATCH, List.of(logs), work.resolve("local-out").toString(),
                null, 2, Duration.ofSeconds(1), new Configuration(), null, 0), "local");

        assertThat(submitted.exitCode()).as(submitted.output()).isZero();
        assertThat(CLUSTER.cluster().registeredTaskManagers()).isEqualTo(2);
        List<String> clusterWindows = OutputFiles.sortedLines(work.resolve("cluster-out"), FileOutputs.WINDOWS_DIR);
        assertThat(clusterWindows).isNotEmpty()
                .isEqualTo(OutputFiles.sortedLines(work.resolve("local-out"), FileOutputs.WINDOWS_DIR));
        assertThat(OutputFiles.sortedLines(work.resolve("cluster-out"), FileOutputs.DEAD_LETTERS_DIR))
                .isNotEmpty()
                .isEqualTo(OutputFiles.sortedLines(work.resolve("local-out"), FileOutputs.DEAD_LETTERS_DIR));
        assertThat(CLUSTER.cluster().rest("/jobs/overview").orElseThrow()).contains("\"state\":\"FINISHED\"");
    }

    /**
     * Mode 1 with the model: `flink run` of a backfill with a drift reference. The TaskManagers load
     * all-MiniLM-L6-v2 from the cluster's lib/ and judge the topic-drift incident's windows as drifted.
     */
    @Test
    void flinkRunWithADriftReferenceRunsTheModelOnTheTaskManagers() throws Exception {
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.of(24_000, 5, EnumSet.of(IncidentType.TOPIC_DRIFT))
                .withRecordsPerFile(8_000));
        Incident topic = generator.writeTo(work.resolve("drift-gen")).incidents().get(0);
        Path referenceFile = generator.writeReference(work.resolve("drift-gen/reference.jsonl"), 3_000);
        Path reference = work.resolve("drift-reference");
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().build()) {
            new ReferenceBuilder(TextField.PROMPT, 3_000, DriftOptions.SEED.defaultValue(), DriftOptions.MAX_TEXT_CHARS.defaultValue())
                    .build(List.of(referenceFile.toString()), embedder, new PrintStream(OutputStream.nullOutputStream()))
                    .dataset().write(reference);
        }

        Path out = work.resolve("cluster-drift-out");
        StandaloneCluster.ProcessResult submitted = CLUSTER.cluster().submit(CLUSTER.layout().jobJar(), 2,
                List.of("backfill", "--input", work.resolve("drift-gen/logs").toString(), "--output", out.toString(),
                        "--reference", reference.toString()));

        assertThat(submitted.exitCode()).as(submitted.output()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : OutputFiles.sortedLines(out, FileOutputs.DRIFT_DIR)) {
            rows.add(json.readTree(line));
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(6 * 2);
        for (JsonNode row : rows) {
            if (!row.get("drift_status").asText().equals("ok")) {
                continue;
            }
            long start = Instant.parse(row.get("window_start").asText()).toEpochMilli();
            boolean injected = row.get("model").asText().equals(topic.model()) && row.get("route").asText().equals(topic.route())
                    && start >= topic.startMillis() && start < topic.endMillis();
            assertThat(row.get("drift_detected").asBoolean()).as("%s", row).isEqualTo(injected);
        }
        assertThat(OutputFiles.sortedLines(out, FileOutputs.ALERTS_DIR))
                .anyMatch(line -> line.contains("\"alert\":\"drift_detected\"") && line.contains("\"state\":\"firing\""));
    }
}
