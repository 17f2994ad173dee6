package io.llmeval.cli.kafka;

import io.llmeval.jobs.kafka.KafkaTopics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.alerts.AlertFiles;
import io.llmeval.cli.LlmEval;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka end to end on a real broker, through the command line: {@code generate --to-kafka} with incidents into
 * a 3-partition topic → {@code stream --source kafka --bounded} with exactly-once Kafka sinks →
 * {@code read_committed} reads of {@code llm_metrics}, {@code llm_alerts} and {@code llm_dlq}, compared with a
 * batch {@code backfill} of the same generated files; every injected incident alerted.
 */
class KafkaEndToEndTest {

    // 12 minutes at 20 requests/s: room for three staggered 4-minute incidents and a minute of cool-down.
    private static final int RECORDS = 14_400;
    private static final Pattern BAD_ID = Pattern.compile("bad-[0-9a-f]+");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static Path work;
    static String streamLog;
    static List<String> generatedLines;
    static List<String> backfillWindows;
    static List<String> backfillDeadLetters;
    static List<String> backfillAlerts;
    static List<ConsumerRecord<byte[], byte[]>> metricsTopic;
    static List<ConsumerRecord<byte[], byte[]>> deadLetterTopic;
    static List<ConsumerRecord<byte[], byte[]>> alertsTopic;

    @BeforeAll
    static void generateStreamAndBackfill() throws Exception {
        work = Files.createTempDirectory("llm-eval-kafka-e2e-");
        String bootstrap = KAFKA.bootstrapServers();
        cli("generate", "--records", Integer.toString(RECORDS), "--seed", "7", "--incidents", "latency_spike,error_burst,hallucination_spike",
                "--malformed-rate", "0.01", "--records-per-file", "5000", "--output", work.resolve("gen").toString(),
                "--to-kafka", bootstrap, "--topic", "llm_requests", "--partitions", "3");
        // No --parallelism: the command gives the job one subtask per partition, so each subtask's watermark
        // follows one partition. (At the default of 1 set here, interleaved partitions would make records late.)
        streamLog = cli("stream", "--source", "kafka", "--bootstrap-servers", bootstrap, "--topic", "llm_requests", "--bounded",
                "--group-id", "e2e", "--transactional-id-prefix", "e2e", "--output", work.resolve("stream").toString(),
                "--conf", "parallelism.default=1", "--checkpoint-interval", "1s", "--prometheus-port", "none");
        cli("backfill", "--input", work.resolve("gen/logs").toString(), "--output", work.resolve("batch").toString(),
                "--parallelism", "2", "--prometheus-port", "none");

        generatedLines = readGeneratedLines(work.resolve("gen/logs"));
        backfillWindows = OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.WINDOWS_DIR);
        backfillDeadLetters = OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.DEAD_LETTERS_DIR);
        backfillAlerts = OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.ALERTS_DIR);
        metricsTopic = TopicReader.readToEnd(bootstrap, "llm_metrics", Map.of(), Duration.ofSeconds(30));
        deadLetterTopic = TopicReader.readToEnd(bootstrap, "llm_dlq", Map.of(), Duration.ofSeconds(30));
        alertsTopic = TopicReader.readToEnd(bootstrap, "llm_alerts", Map.of(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        KafkaBrokerExtension.deleteTree(work);
    }

    @Test
    void requestTopicHoldsEveryGeneratedLineKeyedByRequestId() {
        List<ConsumerRecord<byte[], byte[]>> requests =
                TopicReader.readToEnd(KAFKA.bootstrapServers(), "llm_requests", Map.of(), Duration.ofSeconds(30));

        assertThat(requests).hasSize(RECORDS);
        assertThat(requests.stream().map(r -> r.partition()).distinct()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(sorted(requests.stream().map(r -> text(r.value())).toList())).isEqualTo(sorted(generatedLines));
        for (ConsumerRecord<byte[], byte[]> record : requests.subList(0, 100)) {
            assertThat(record.key() == null ? null : text(record.key())).isEqualTo(KafkaLineProducer.requestId(record.value()));
        }
    }

    @Test
    void streamRunsOneSubtaskPerPartition() {
        assertThat(KafkaTopics.partitionCount(KAFKA.bootstrapServers(), Map.of(), List.of("llm_requests"), Duration.ofSeconds(10)))
                .hasValue(3);
        assertThat(KafkaTopics.partitionCount(KAFKA.bootstrapServers(), Map.of(), List.of("no_such_topic"), Duration.ofSeconds(10)))
                .isEmpty();
        assertThat(streamLog).contains("llm-eval stream: parallelism 3, one subtask per partition of llm_requests");
    }

    @Test
    void committedWindowMetricsEqualTheBatchBackfill() throws Exception {
        List<String> kafkaWindows = sorted(metricsTopic.stream().map(r -> text(r.value())).toList());

        assertThat(backfillWindows).hasSizeGreaterThan(6 * 9);
        assertThat(kafkaWindows).isEqualTo(backfillWindows);
        // The file outputs of the Kafka-fed job are the same rows.
        assertThat(OutputFiles.sortedLines(work.resolve("stream"), FileOutputs.WINDOWS_DIR)).isEqualTo(backfillWindows);
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<byte[], byte[]> record : metricsTopic) {
            JsonNode window = json.readTree(record.value());
            assertThat(text(record.key())).isEqualTo(window.get("model").asText() + "/" + window.get("route").asText());
        }
        // Written in transactions: their commit markers take offsets too.
        assertThat(endOffsetsSum("llm_metrics")).isGreaterThan(metricsTopic.size());
    }

    @Test
    void committedAlertsReportEveryIncidentAndEqualTheBatchBackfill() throws Exception {
        List<String> kafkaAlerts = sorted(alertsTopic.stream().map(r -> text(r.value())).toList());
        List<String> expected = AlertFiles.expectedKeys(AlertFiles.readIncidents(work.resolve("gen/incidents.json")));

        assertThat(expected).hasSize(6);
        assertThat(AlertFiles.keys(kafkaAlerts)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(kafkaAlerts).isEqualTo(backfillAlerts);
        assertThat(OutputFiles.sortedLines(work.resolve("stream"), FileOutputs.ALERTS_DIR)).isEqualTo(backfillAlerts);
        // Keyed by alert/model/route: an incident's two events share a partition, firing first.
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> statesByKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : alertsTopic) {
            JsonNode event = json.readTree(record.value());
            String key = event.get("alert").asText() + "/" + event.get("model").asText() + "/" + event.get("route").asText();
            assertThat(text(record.key())).isEqualTo(key);
            statesByKey.computeIfAbsent(key + "@" + record.partition(), k -> new ArrayList<>()).add(event.get("state").asText());
        }
        assertThat(statesByKey).hasSize(3).allSatisfy((key, states) -> assertThat(states).containsExactly("firing", "resolved"));
    }

    @Test
    void deadLetterTopicHoldsExactlyTheDefectiveLines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> defectiveIds = sorted(generatedLines.stream().map(KafkaEndToEndTest::badId).filter(id -> id != null).toList());
        List<String> kafkaIds = new ArrayList<>();
        Map<String, Integer> kafkaLetters = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : deadLetterTopic) {
            JsonNode letter = json.readTree(record.value());
            assertThat(record.key()).isNull();
            assertThat(letter.get("source").asText()).matches("llm_requests-[012]@\\d+");
            kafkaIds.add(badId(letter.get("raw").asText()));
            kafkaLetters.merge(letter.get("reason").asText() + " " + letter.get("raw").asText(), 1, Integer::sum);
        }
        Map<String, Integer> batchLetters = new TreeMap<>();
        for (String line : backfillDeadLetters) {
            JsonNode letter = json.readTree(line);
            batchLetters.merge(letter.get("reason").asText() + " " + letter.get("raw").asText(), 1, Integer::sum);
        }

        assertThat(defectiveIds).hasSizeGreaterThan(RECORDS / 200);
        assertThat(sorted(kafkaIds)).isEqualTo(defectiveIds);
        assertThat(kafkaLetters).isEqualTo(batchLetters);
        assertThat(OutputFiles.sortedLines(work.resolve("stream"), FileOutputs.DEAD_LETTERS_DIR)).hasSize(defectiveIds.size());
    }

    private static long endOffsetsSum(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Runs the command line in-process, fails with its stderr unless it exits 0, returns its stderr. */
    private static String cli(String... args) {
        CommandLine cli = LlmEval.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as("llm-eval %s: %s", String.join(" ", args), err).isZero();
        return err.toString();
    }

    /** The {@code bad-…} request id the generator gives every defective line, or {@code null}. */
    private static String badId(String text) {
        Matcher matcher = BAD_ID.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }

    /** Generated lines decoded as the dead letters show them (invalid UTF-8 replaced). */
    private static List<String> readGeneratedLines(Path logs) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
            }
        }
        return lines;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }
}
