package io.llmeval.jobs.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.inference.SentenceEmbedder;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.alerts.AlertFiles;
import io.llmeval.jobs.alerts.DriftAlertRule;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.sql.SqlFiles;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.sink.FileOutputs;
import io.llmeval.udfs.drift.DriftMethods;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Embedding and length drift end to end with the real model: the generator's clean reference, a reference built
 * from it, and the generated traffic with every incident through the streaming job and the batch backfill at
 * parallelism 2. The topic-drift incident is detected in its windows and nowhere else, the length-drift incident
 * moves the prompt-token drift, and both modes give the same verdicts.
 */
class DriftPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DRIFT_WINDOW_MILLIS = Duration.ofMinutes(5).toMillis();

    @TempDir
    static Path work;

    static List<Incident> incidents;
    static Map<String, JsonNode> stream;
    static Map<String, JsonNode> batch;

    @BeforeAll
    static void runBothModes() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(24_000, 11, EnumSet.allOf(IncidentType.class))
                .withRecordsPerFile(6_000).withGzip(true);
        TrafficGenerator generator = new TrafficGenerator(config);
        incidents = generator.writeTo(work.resolve("gen")).incidents();
        Path referenceFile = generator.writeReference(work.resolve("gen/reference.jsonl"), 6_000);

        Path reference = work.resolve("reference");
        try (SentenceEmbedder embedder = SentenceEmbedder.builder().build()) {
            new ReferenceBuilder(TextField.PROMPT, ReferenceBuilder.DEFAULT_MAX_ROWS, DriftOptions.SEED.defaultValue(),
                    DriftOptions.MAX_TEXT_CHARS.defaultValue())
                    .build(List.of(referenceFile.toString()), embedder, new PrintStream(OutputStream.nullOutputStream()))
                    .dataset().write(reference);
        }

        List<String> input = List.of(work.resolve("gen/logs").toString());
        EvalJob.run(settings(RuntimeExecutionMode.STREAMING, input, work.resolve("stream"), reference), "stream");
        EvalJob.run(settings(RuntimeExecutionMode.BATCH, input, work.resolve("batch"), reference), "batch");
        stream = rows(work.resolve("stream"));
        batch = rows(work.resolve("batch"));
    }

    static EvalJobSettings settings(RuntimeExecutionMode mode, List<String> input, Path out, Path reference) {
        Configuration conf = new Configuration();
        conf.set(DriftOptions.REFERENCE, reference.toString());
        return new EvalJobSettings(mode, input, out.toString(), null, 2, Duration.ofSeconds(2), conf, null, 0);
    }

    private static Map<String, JsonNode> rows(Path out) throws Exception {
        Map<String, JsonNode> rows = new TreeMap<>();
        for (String line : OutputFiles.sortedLines(out, FileOutputs.DRIFT_DIR)) {
            JsonNode row = JSON.readTree(line);
            rows.put(row.get("model").asText() + "/" + row.get("route").asText() + "@" + row.get("window_start").asText(), row);
        }
        return rows;
    }

    private static Incident incident(IncidentType type) {
        return incidents.stream().filter(i -> i.type() == type).findFirst().orElseThrow();
    }

    private static boolean inside(JsonNode row, Incident incident) {
        long start = Instant.parse(row.get("window_start").asText()).toEpochMilli();
        return row.get("model").asText().equals(incident.model()) && row.get("route").asText().equals(incident.route())
                && start >= incident.startMillis() && start + DRIFT_WINDOW_MILLIS <= incident.endMillis();
    }

    private static boolean hasVerdict(JsonNode row) {
        return row.get("drift_status").asText().equals("ok");
    }

    @Test
    void everyKeyWindowHasARowWithEveryMethod() {
        // 20 minutes of traffic on 6 keys: 4 full 5-minute windows each, plus a few records past 00:20.
        assertThat(stream.values().stream().filter(DriftPipelineTest::hasVerdict)).hasSize(24);
        for (JsonNode row : stream.values()) {
            if (hasVerdict(row)) {
                assertThat(row.get("drift_method").asText()).isEqualTo(DriftMethods.DEFAULT_ID);
                assertThat(row.get("drift_sample_count").asInt()).isEqualTo(500);
                assertThat(row.get("drift_seen_count").asLong()).isGreaterThan(800);
                assertThat(row.get("drift_reference_scope").asText()).isEqualTo("key");
                assertThat(row.get("drift_reference_size").asInt()).isBetween(900, 1000);
                for (String method : DriftMethods.ids()) {
                    assertThat(row.get(method + "_detected").isBoolean()).as(method).isTrue();
                }
                assertThat(row.get("drift_score").asDouble()).isBetween(0.0, 1.0);
            } else {
                assertThat(row.get("drift_status").asText()).isEqualTo("insufficient_samples");
                assertThat(row.get("drift_sample_count").asInt()).isLessThan(50);
                assertThat(row.get("drift_detected").isNull()).isTrue();
                assertThat(row.get("drift_score").isNull()).isTrue();
            }
        }
    }

    @Test
    void topicDriftIsDetectedInItsWindowsAndNowhereClean() {
        Incident topic = incident(IncidentType.TOPIC_DRIFT);
        Incident length = incident(IncidentType.LENGTH_DRIFT);
        List<JsonNode> injected = stream.values().stream().filter(row -> inside(row, topic)).toList();
        assertThat(injected).hasSize(2).allSatisfy(row -> assertThat(row.get("drift_detected").asBoolean()).isTrue());

        // Clean windows: no drift incident on the key (the length incident prepends filler text, which is drift too).
        List<JsonNode> clean = stream.values().stream()
                .filter(DriftPipelineTest::hasVerdict)
                .filter(row -> !inside(row, topic) && !inside(row, length))
                .toList();
        assertThat(clean).hasSize(20).allSatisfy(row -> assertThat(row.get("drift_detected").asBoolean())
                .as("drift in a clean window: %s", row).isFalse());
    }

    /** Length drift moves prompt tokens; so does topic drift (its passages differ in length); clean windows do not. */
    @Test
    void lengthDriftMovesPromptTokensAndCleanWindowsDoNot() {
        Incident length = incident(IncidentType.LENGTH_DRIFT);
        Incident topic = incident(IncidentType.TOPIC_DRIFT);
        List<JsonNode> lengthWindows = stream.values().stream().filter(row -> inside(row, length)).toList();
        assertThat(lengthWindows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("prompt_tokens_drift_detected").asBoolean()).isTrue();
            assertThat(row.get("prompt_tokens_drift_score").asDouble()).isGreaterThan(0.3);
            assertThat(row.get("drift_detected").asBoolean()).as("new filler text is embedding drift too").isTrue();
        });
        List<JsonNode> clean = stream.values().stream()
                .filter(DriftPipelineTest::hasVerdict)
                .filter(row -> !inside(row, topic) && !inside(row, length))
                .toList();
        assertThat(clean).hasSize(20).allSatisfy(row -> {
            assertThat(row.get("prompt_tokens_drift_detected").asBoolean()).as("%s", row).isFalse();
            assertThat(row.get("response_tokens_drift_detected").asBoolean()).as("%s", row).isFalse();
        });
    }

    /**
     * Identical samples and verdicts. The statistics agree to rounding: the model's output for a text changes in the
     * last bits with the batch it is embedded in (cache misses are batched per window close, in run-dependent order).
     */
    @Test
    void streamAndBatchGiveTheSameVerdicts() {
        assertThat(stream.keySet()).isEqualTo(batch.keySet());
        for (String key : stream.keySet()) {
            JsonNode s = stream.get(key);
            JsonNode b = batch.get(key);
            for (String column : List.of("drift_status", "drift_method", "drift_detected", "drift_sample_count",
                    "drift_seen_count", "drift_reference_size", "prompt_tokens_drift_detected",
                    "prompt_tokens_drift_score", "response_tokens_drift_detected", "mmd_detected", "mean_distance_detected",
                    "component_share_detected")) {
                assertThat(s.get(column)).as(key + " " + column).isEqualTo(b.get(column));
            }
            if (hasVerdict(s)) {
                assertThat(s.get("drift_score").asDouble()).as(key).isCloseTo(b.get("drift_score").asDouble(), within(1e-6));
                assertThat(s.get("mean_distance_statistic").asDouble()).as(key)
                        .isCloseTo(b.get("mean_distance_statistic").asDouble(), within(1e-5));
            }
        }
    }

    /**
     * sql/drift.sql over the batch run's drift/ output, then alerts.sql: drift_detected fires once and resolves once
     * for each drift incident (topic and length), with its key and windows, and never elsewhere; the jobs' own
     * alerts/ hold the same events.
     */
    @Test
    void sqlAlertsFireOncePerDriftIncident() throws Exception {
        Path output = work.resolve("sql-out");
        List<String> args = new ArrayList<>(List.of("sql", "-i", SqlFiles.sql("functions.sql"), "-i", SqlFiles.sql("sources.sql"),
                "-i", SqlFiles.sql("scores.sql"), "-i", SqlFiles.sql("drift.sql"), "-i", SqlFiles.sql("windows.sql"),
                "-f", SqlFiles.sql("alerts.sql"), "--mode", "batch",
                "--var", "LOGS_PATH=" + work.resolve("gen/logs"), "--var", "OUTPUT_PATH=" + output,
                "--var", "DRIFT_PATH=" + work.resolve("batch").resolve(FileOutputs.DRIFT_DIR)));
        CliRun run = SqlFiles.llmEval(args);
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<String> drift = driftEvents(output);
        List<String> expected = new ArrayList<>();
        for (IncidentType type : List.of(IncidentType.TOPIC_DRIFT, IncidentType.LENGTH_DRIFT)) {
            Incident incident = incident(type);
            String start = Instant.ofEpochMilli(incident.startMillis()).toString();
            String key = incident.model() + "|" + incident.route() + "|" + start + "|";
            expected.add("drift_detected|firing|" + key + Instant.ofEpochMilli(incident.endMillis()) + "|2");
            expected.add("drift_detected|resolved|" + key + Instant.ofEpochMilli(incident.endMillis()) + "|2");
        }
        assertThat(drift).containsExactlyInAnyOrderElementsOf(expected);

        // The jobs' own alert stage raises the same drift incidents, in both modes.
        assertThat(driftEvents(work.resolve("batch"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(driftEvents(work.resolve("stream"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> driftEvents(Path jobOutput) throws Exception {
        List<String> events = new ArrayList<>();
        for (JsonNode event : SqlFiles.jsonLines(jobOutput.resolve(FileOutputs.ALERTS_DIR))) {
            if (event.get("alert").asText().equals(DriftAlertRule.DRIFT_DETECTED)) {
                events.add(AlertFiles.key(event));
            }
        }
        return events;
    }
}
