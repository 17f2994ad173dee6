package io.llmeval.cli.kafka;

import io.llmeval.cli.CliRun;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP/JSON on a real broker: {@code generate --format otlp-json --to-kafka} (one document per record, three
 * partitions) → {@code stream --source kafka --input-format otlp-json --bounded} writes the same windows, stage rows and
 * dead-letter reasons as a {@code backfill} of the same generated files.
 */
class KafkaSpansTest {

    private static final int RECORDS = 6_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static void cli(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as("llm-eval %s: %s", String.join(" ", args), run.err()).isZero();
    }

    @Test
    void spansFromKafkaGiveTheRowsOfABackfill(@TempDir Path work) throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        cli("generate", "--records", Integer.toString(RECORDS), "--seed", "3", "--format", "otlp-json",
                "--malformed-rate", "0.005", "--reference-records", "0", "--output", work.resolve("gen").toString(),
                "--to-kafka", bootstrap, "--topic", "otlp_spans", "--partitions", "3");
        cli("stream", "--source", "kafka", "--bootstrap-servers", bootstrap, "--topic", "otlp_spans", "--bounded",
                "--input-format", "otlp-json", "--no-kafka-sinks", "--group-id", "spans", "--output",
                work.resolve("stream").toString(), "--checkpoint-interval", "1s", "--prometheus-port", "none");
        cli("backfill", "--input", work.resolve("gen/logs").toString(), "--input-format", "otlp-json",
                "--output", work.resolve("batch").toString(), "--parallelism", "2", "--prometheus-port", "none");

        List<ConsumerRecord<byte[], byte[]>> documents =
                TopicReader.readToEnd(bootstrap, "otlp_spans", Map.of(), Duration.ofSeconds(30));
        assertThat(documents).hasSizeGreaterThan(RECORDS / 8);
        assertThat(documents.stream().map(ConsumerRecord::partition).distinct()).containsExactlyInAnyOrder(0, 1, 2);
        List<String> stages = OutputFiles.sortedLines(work.resolve("stream"), FileOutputs.STAGES_DIR);
        assertThat(stages).hasSizeGreaterThan(5 * 6 * 4)
                .isEqualTo(OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.STAGES_DIR));
        assertThat(OutputFiles.sortedLines(work.resolve("stream"), FileOutputs.WINDOWS_DIR))
                .isEqualTo(OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.WINDOWS_DIR));
        // Same defective documents; only their position differs (topic-partition@offset, path:line).
        assertThat(reasons(work.resolve("stream"))).isNotEmpty().isEqualTo(reasons(work.resolve("batch")));
    }

    private static List<String> reasons(Path output) throws Exception {
        return OutputFiles.sortedLines(output, FileOutputs.DEAD_LETTERS_DIR).stream()
                .map(line -> line.substring(0, line.indexOf(",\"source\""))).sorted().toList();
    }
}
