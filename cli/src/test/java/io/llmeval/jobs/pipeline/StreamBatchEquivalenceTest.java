package io.llmeval.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.alerts.AlertFiles;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same generated traffic through the streaming job and the batch backfill, at parallelism 2,
 * gives byte-identical window and alert output; and the latency-spike incident shows up in its windows only.
 */
class StreamBatchEquivalenceTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path work;

    static List<Incident> incidents;
    static Path streamOut;
    static Path batchOut;

    @BeforeAll
    static void runBothModes() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(24_000, 11, EnumSet.allOf(IncidentType.class))
                .withRecordsPerFile(5_000).withGzip(true);
        incidents = new TrafficGenerator(config).writeTo(work.resolve("gen")).incidents();
        streamOut = work.resolve("stream");
        batchOut = work.resolve("batch");
        List<String> input = List.of(work.resolve("gen/logs").toString());
        EvalJob.run(settings(RuntimeExecutionMode.STREAMING, input, streamOut), "stream");
        EvalJob.run(settings(RuntimeExecutionMode.BATCH, input, batchOut), "batch");
    }

    static EvalJobSettings settings(RuntimeExecutionMode mode, List<String> input, Path out) {
        return new EvalJobSettings(mode, input, out.toString(), null, 2, Duration.ofSeconds(2),
                new Configuration(), null, 0);
    }

    @Test
    void streamAndBatchWriteIdenticalWindows() throws Exception {
        List<String> stream = OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_DIR);
        List<String> batch = OutputFiles.sortedLines(batchOut, FileOutputs.WINDOWS_DIR);

        assertThat(stream).hasSizeGreaterThan(6 * 19);
        assertThat(stream).isEqualTo(batch);
        // Each CSV part file starts with the header; the rows must match.
        List<String> streamCsv = OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_CSV_DIR);
        List<String> batchCsv = OutputFiles.sortedLines(batchOut, FileOutputs.WINDOWS_CSV_DIR);
        streamCsv.removeIf(line -> line.startsWith("window_start,"));
        batchCsv.removeIf(line -> line.startsWith("window_start,"));
        assertThat(streamCsv).hasSize(stream.size()).isEqualTo(batchCsv);
        assertThat(OutputFiles.sortedLines(streamOut, FileOutputs.DEAD_LETTERS_DIR)).isEmpty();
    }

    @Test
    void streamAndBatchWriteIdenticalAlertsOnePairPerIncident() throws Exception {
        List<String> stream = OutputFiles.sortedLines(streamOut, FileOutputs.ALERTS_DIR);

        assertThat(stream).isEqualTo(OutputFiles.sortedLines(batchOut, FileOutputs.ALERTS_DIR));
        assertThat(AlertFiles.keys(stream)).containsExactlyInAnyOrderElementsOf(AlertFiles.expectedKeys(incidents));
    }

    @Test
    void everyRecordIsCountedInExactlyOneWindow() throws Exception {
        long counted = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_DIR)) {
            counted += json.readTree(line).get("request_count").asLong();
        }
        assertThat(counted).isEqualTo(24_000);
    }

    @Test
    void latencySpikeRaisesP95InItsWindowsOnly() throws Exception {
        Incident spike = incidents.stream().filter(i -> i.type() == IncidentType.LATENCY_SPIKE).findFirst().orElseThrow();
        List<Double> inside = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        List<Double> otherKeysDuring = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_DIR)) {
            JsonNode w = json.readTree(line);
            long start = Instant.parse(w.get("window_start").asText()).toEpochMilli();
            boolean sameKey = w.get("model").asText().equals(spike.model()) && w.get("route").asText().equals(spike.route());
            boolean during = start >= spike.startMillis() && start < spike.endMillis();
            double p95 = w.get("latency_p95_ms").asDouble();
            if (sameKey && during) {
                inside.add(p95);
            } else if (sameKey) {
                outside.add(p95);
            } else if (during && !hasIncident(w, start)) {
                otherKeysDuring.add(p95 / baseline(w.get("model").asText(), w.get("route").asText(), spike));
            }
        }
        double normal = outside.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(inside).hasSize(4).allSatisfy(p95 -> assertThat(p95).isGreaterThan(2.5 * normal));
        assertThat(otherKeysDuring).allSatisfy(ratio -> assertThat(ratio).isLessThan(1.6));
    }

    private static boolean hasIncident(JsonNode window, long start) {
        return incidents.stream().anyMatch(i -> i.model().equals(window.get("model").asText())
                && i.route().equals(window.get("route").asText())
                && start < i.endMillis() && start + 60_000 > i.startMillis());
    }

    @Test
    void hallucinationSpikeRaisesTheRateInExactlyItsWindows() throws Exception {
        Incident spike = incidents.stream().filter(i -> i.type() == IncidentType.HALLUCINATION_SPIKE).findFirst().orElseThrow();
        ObjectMapper json = new ObjectMapper();
        int flagged = 0;
        for (String line : OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_DIR)) {
            JsonNode w = json.readTree(line);
            long start = Instant.parse(w.get("window_start").asText()).toEpochMilli();
            boolean inSpike = w.get("model").asText().equals(spike.model()) && w.get("route").asText().equals(spike.route())
                    && start >= spike.startMillis() && start < spike.endMillis();
            if (w.get("scored_count").asLong() < 30) {
                continue;
            }
            // The alert rule of the SQL layer: rate above 10% with at least 30 scored requests.
            boolean high = w.get("hallucination_rate").asDouble() > 0.10;
            assertThat(high).as("window %s %s/%s rate %s", w.get("window_start"), w.get("model"), w.get("route"),
                    w.get("hallucination_rate")).isEqualTo(inSpike);
            flagged += high ? 1 : 0;
        }
        assertThat(flagged).isEqualTo(4);
    }

    /** Median p95 of a key's windows outside the spike. */
    private static double baseline(String model, String route, Incident spike) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Double> values = new ArrayList<>();
        for (String line : OutputFiles.sortedLines(streamOut, FileOutputs.WINDOWS_DIR)) {
            JsonNode w = json.readTree(line);
            long start = Instant.parse(w.get("window_start").asText()).toEpochMilli();
            if (w.get("model").asText().equals(model) && w.get("route").asText().equals(route)
                    && (start < spike.startMillis() || start >= spike.endMillis())) {
                values.add(w.get("latency_p95_ms").asDouble());
            }
        }
        values.sort(null);
        return values.get(values.size() / 2);
    }
}
