package io.llmeval.jobs.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.cli.CliRun;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.pipeline.PipelineOptions;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm-eval generate --format otlp-json --incidents slow_stage} through the streaming job and the batch
 * backfill at parallelism 2: the same stage rows, windows and alerts in both modes; the latency alert of the slowed
 * key names the stage and carries the traces that really spent longest in it; every span is accounted for.
 */
class SpanTrafficEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final int RECORDS = 16_800;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static JsonNode incident;
    static Path streamOut;
    static Path batchOut;
    /** From the generated documents: trace id → (request start ms, retrieve ms), and counts. */
    static final Map<String, long[]> RETRIEVE = new HashMap<>();
    static long childSpans;
    static long defectiveLines;

    @BeforeAll
    static void generateAndRunBothModes() throws Exception {
        Path gen = work.resolve("gen");
        CliRun generate = CliRun.of("generate", "--records", Integer.toString(RECORDS), "--seed", "7", "--format", "otlp-json",
                "--incidents", "slow_stage", "--malformed-rate", "0.002", "--records-per-file", "4000", "--gzip",
                "--reference-records", "0", "--output", gen.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        JsonNode incidents = JSON.readTree(gen.resolve("incidents.json").toFile());
        assertThat(incidents).hasSize(1);
        incident = incidents.get(0);
        readGeneratedSpans(gen.resolve("logs"));

        List<String> input = List.of(gen.resolve("logs").toString());
        streamOut = work.resolve("stream");
        batchOut = work.resolve("batch");
        EvalJob.run(settings(RuntimeExecutionMode.STREAMING, input, streamOut), "stream");
        EvalJob.run(settings(RuntimeExecutionMode.BATCH, input, batchOut), "batch");
    }

    static EvalJobSettings settings(RuntimeExecutionMode mode, List<String> input, Path out) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.INPUT_FORMAT, "otlp-json");
        return new EvalJobSettings(mode, input, out.toString(), null, 2, Duration.ofSeconds(2), conf, null, 0);
    }

    private static void readGeneratedSpans(Path logs) throws Exception {
        Map<String, Long> requestStarts = new HashMap<>();
        Map<String, Long> retrieveMillis = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(logs)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    JsonNode doc;
                    try {
                        doc = JSON.readTree(line);
                    } catch (Exception e) {
                        defectiveLines++;
                        continue;
                    }
                    if (!doc.has("resourceSpans")) {
                        defectiveLines++;
                        continue;
                    }
                    for (JsonNode span : doc.at("/resourceSpans/0/scopeSpans/0/spans")) {
                        long start = span.get("startTimeUnixNano").asLong() / 1_000_000;
                        long duration = (span.get("endTimeUnixNano").asLong() - span.get("startTimeUnixNano").asLong()) / 1_000_000;
                        if (!span.has("parentSpanId")) {
                            requestStarts.put(span.get("traceId").asText(), start);
                        } else {
                            childSpans++;
                            if (span.get("name").asText().equals("retrieve")) {
                                retrieveMillis.put(span.get("traceId").asText(), duration);
                            }
                        }
                    }
                }
            }
        }
        retrieveMillis.forEach((trace, ms) -> RETRIEVE.put(trace, new long[] {requestStarts.get(trace), ms}));
    }

    @Test
    void incidentsJsonListsTheSlowStage() {
        assertThat(incident.get("type").asText()).isEqualTo("slow_stage");
        assertThat(incident.get("stage").asText()).isEqualTo("retrieve");
        assertThat(incident.get("model").asText()).isEqualTo("llama-3.1-8b-instruct");
        assertThat(incident.get("route").asText()).isEqualTo("rag");
    }

    @Test
    void streamAndBatchWriteTheSameStageRowsWindowsAndAlerts() throws Exception {
        List<String> stages = OutputFiles.sortedLines(streamOut, FileOutputs.STAGES_DIR);
        assertThat(stages).hasSizeGreaterThan(14 * 6 * 5).isEqualTo(OutputFiles.sortedLines(batchOut, FileOutputs.STAGES_DIR));
        assertThat(OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_DIR))
                .isEqualTo(OutputFiles.sortedLines(batchOut, FileOutputs.WINDOWS_DIR));
        assertThat(OutputFiles.sortedLines(streamOut, FileOutputs.ALERTS_DIR))
                .isEqualTo(OutputFiles.sortedLines(batchOut, FileOutputs.ALERTS_DIR));
        assertThat(OutputFiles.sortedLines(streamOut, FileOutputs.DEAD_LETTERS_DIR))
                .isEqualTo(OutputFiles.sortedLines(batchOut, FileOutputs.DEAD_LETTERS_DIR));
    }

    @Test
    void theLatencyAlertNamesTheSlowStageWithItsSlowestRealTraces() throws Exception {
        long start = Instant.parse(incident.get("start").asText()).toEpochMilli();
        List<JsonNode> firing = OutputFiles.sortedLines(batchOut, FileOutputs.ALERTS_DIR).stream().map(SpanTrafficEndToEndTest::json)
                .filter(a -> a.get("state").asText().equals("firing")).toList();

        assertThat(firing).singleElement().satisfies(alert -> {
            assertThat(alert.get("alert").asText()).isEqualTo("latency_p95_high");
            assertThat(alert.get("model").asText() + "/" + alert.get("route").asText()).isEqualTo("llama-3.1-8b-instruct/rag");
            assertThat(Instant.parse(alert.get("window_start").asText()).toEpochMilli()).isEqualTo(start);
            assertThat(alert.get("stage_slow").asText()).isEqualTo("retrieve");
            // The exemplars: the three traces of the firing window that spent longest in retrieve, from the input.
            long windowEnd = Instant.parse(alert.get("window_end").asText()).toEpochMilli();
            List<String> slowest = RETRIEVE.entrySet().stream()
                    .filter(e -> e.getValue()[0] >= windowEnd - 60_000 && e.getValue()[0] < windowEnd)
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[1]))
                    .limit(3).map(Map.Entry::getKey).toList();
            assertThat(alert.get("exemplars")).extracting(JsonNode::asText).containsExactlyElementsOf(slowest);
            assertThat(slowest).allSatisfy(trace -> assertThat(RETRIEVE.get(trace)[1]).isGreaterThan(6_000));
        });
    }

    @Test
    void retrievesShareOfLatencyRisesInTheIncidentWindowsOnly() throws Exception {
        long start = Instant.parse(incident.get("start").asText()).toEpochMilli();
        long end = Instant.parse(incident.get("end").asText()).toEpochMilli();
        for (String line : OutputFiles.sortedLines(batchOut, FileOutputs.STAGES_DIR)) {
            JsonNode row = json(line);
            if (!row.get("stage").asText().equals("retrieve") || !row.get("route").asText().equals("rag")) {
                continue;
            }
            long windowStart = Instant.parse(row.get("window_start").asText()).toEpochMilli();
            boolean during = row.get("model").asText().equals("llama-3.1-8b-instruct") && windowStart >= start && windowStart < end;
            assertThat(row.get("share_of_latency").asDouble()).as(line).matches(share -> during ? share > 0.6 : share < 0.2);
        }
    }

    @Test
    void everySpanIsInAWindowAStageRowOrADeadLetter() throws Exception {
        long requests = OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_DIR).stream()
                .mapToLong(l -> json(l).get("request_count").asLong()).sum();
        long stageSpans = OutputFiles.sortedLines(streamOut, FileOutputs.STAGES_DIR).stream()
                .mapToLong(l -> json(l).get("span_count").asLong()).sum();
        List<String> deadLetters = OutputFiles.sortedLines(streamOut, FileOutputs.DEAD_LETTERS_DIR);

        assertThat(defectiveLines).isPositive();
        assertThat(requests + defectiveLines).isEqualTo(RECORDS);
        assertThat(stageSpans).as("every generated child span is a stage span in a row").isEqualTo(childSpans);
        assertThat(deadLetters).hasSize((int) defectiveLines);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
