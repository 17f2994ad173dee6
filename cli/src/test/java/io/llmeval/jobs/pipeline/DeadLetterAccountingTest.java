package io.llmeval.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.EvalJob;
import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never kills the job and never disappears: every input line is either counted in a window
 * or written to the dead-letter output with its reason, in both modes.
 */
class DeadLetterAccountingTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** One line of each defect, plus a record far older than the stream (late in streaming mode). */
    private static byte[] defects() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String ok = "\"request_id\":\"d\",\"timestamp\":\"2026-01-01T00:05:00Z\",\"model\":\"m\",\"latency_ms\":10";
        for (String line : List.of(
                "{" + ok + ",\"ttft_ms\":",
                "{\"request_id\":\"d\",\"timestamp\":\"2026-01-01T00:05:00Z\",\"latency_ms\":10}",
                "{\"request_id\":\"d\",\"timestamp\":\"2026-01-01T00:05:00Z\",\"model\":\"m\",\"latency_ms\":-10}",
                "{\"request_id\":\"d\",\"timestamp\":\"2026-01-01T00:05:00Z\",\"model\":\"m\",\"latency_ms\":\"10\"}",
                "{\"request_id\":\"d\",\"timestamp\":\"noon\",\"model\":\"m\",\"latency_ms\":10}",
                "{" + ok + ",\"status\":\"weird\"}",
                "[\"not\",\"an\",\"object\"]",
                "{" + ok + ",\"prompt\":\"" + "x".repeat(3_000) + "\"}")) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.writeBytes(("{" + ok + ",\"prompt\":\"caf").getBytes(StandardCharsets.UTF_8));
        out.write(0xE9);
        out.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        // A valid record from the start of the traffic, delivered last: too late for its window in a stream.
        out.writeBytes("{\"request_id\":\"late\",\"timestamp\":\"2026-01-01T00:00:10Z\",\"model\":\"gpt-4o-mini\",\"route\":\"chat\",\"latency_ms\":500}\n"
                .getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
    void inputRecordsEqualWindowedPlusDeadLettered(RuntimeExecutionMode mode, @TempDir Path work) throws Exception {
        GeneratorConfig config = GeneratorConfig.of(6_000, 4, EnumSet.noneOf(IncidentType.class))
                .withMalformedRate(0.01).withRecordsPerFile(2_000);
        new TrafficGenerator(config).writeTo(work);
        // Sorts after the generated part files, so it is read last.
        Files.write(work.resolve("logs/zz-defects.jsonl"), defects());

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.MAX_RECORD_BYTES, 2_000);
        // The late record is only late once a watermark past its window has been emitted. Watermarks are
        // periodic, so pace the stream (about 0.6 s) and emit them often: otherwise a fast machine can read
        // every file within one watermark interval and nothing is late.
        conf.setString("pipeline.auto-watermark-interval", "10 ms");
        double pace = mode == RuntimeExecutionMode.STREAMING ? 10_000 : 0;
        Path out = work.resolve("out");
        EvalJob.run(new EvalJobSettings(mode, List.of(work.resolve("logs").toString()), out.toString(), null, 1,
                Duration.ofSeconds(1), conf, null, pace), "accounting");

        ObjectMapper json = new ObjectMapper();
        long windowed = 0;
        for (String line : OutputFiles.sortedLines(out, FileOutputs.WINDOWS_DIR)) {
            windowed += json.readTree(line).get("request_count").asLong();
        }
        List<String> deadLetters = OutputFiles.sortedLines(out, FileOutputs.DEAD_LETTERS_DIR);
        Map<String, Integer> reasons = new TreeMap<>();
        for (String line : deadLetters) {
            JsonNode d = json.readTree(line);
            assertThat(d.get("raw").asText()).isNotEmpty();
            assertThat(d.get("source").asText()).matches(".*\\.jsonl:\\d+");
            reasons.merge(d.get("reason").asText(), 1, Integer::sum);
        }

        assertThat(windowed + deadLetters.size()).isEqualTo(OutputFiles.countInputLines(work.resolve("logs")));
        assertThat(reasons).containsKeys("malformed_json", "missing_field:model", "invalid_field:latency_ms",
                "invalid_field:timestamp", "invalid_field:status", "not_an_object", "record_too_large", "invalid_utf8");
        if (mode == RuntimeExecutionMode.STREAMING) {
            assertThat(reasons).containsEntry("late_event", 1);
        } else {
            assertThat(reasons).doesNotContainKey("late_event");
        }
    }
}
