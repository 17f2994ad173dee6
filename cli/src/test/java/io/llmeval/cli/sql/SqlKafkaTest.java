package io.llmeval.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.kafka.KafkaBrokerExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sql/alerts.sql} in streaming mode with its defaults — from the {@code llm_requests} topic (3
 * partitions, per-partition watermarks) to the {@code llm_alerts} topic — on a real broker. The source is made
 * bounded with a dynamic option in {@code REQUESTS_TABLE}, so the job ends and the script reads the events back
 * from the topic.
 */
class SqlKafkaTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void alertsFlowFromTheRequestsTopicToTheAlertsTopic(@TempDir Path dir) throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        CliRun generate = SqlFiles.generateToKafka(dir, bootstrap);
        assertThat(generate.exitCode()).as(generate.err()).isZero();

        CliRun run = SqlFiles.alerts("streaming", "KAFKA_BOOTSTRAP=" + bootstrap, "KAFKA_STARTUP_MODE=earliest-offset",
                "REQUESTS_TABLE=requests_kafka /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> events = run.out().lines().filter(l -> l.startsWith("| +I |"))
                .map(l -> String.join("|", List.of(l.split("\\|")).subList(2, 8).stream().map(String::strip).toList()))
                .toList();
        List<String> expected = new ArrayList<>();
        for (JsonNode incident : new ObjectMapper().readTree(dir.resolve("gen/incidents.json").toFile())) {
            String alert = incident.get("type").asText().equals("error_burst") ? "error_rate_high" : "hallucination_spike";
            Instant start = Instant.parse(incident.get("start").asText());
            String key = alert + "|%s|" + incident.get("model").asText() + "|" + incident.get("route").asText() + "|"
                    + printed(start) + "|%s";
            expected.add(String.format(key, "firing", printed(start.plus(Duration.ofMinutes(2)))));
            expected.add(String.format(key, "resolved", printed(Instant.parse(incident.get("end").asText()))));
        }
        assertThat(events).hasSize(4).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** How the printed table shows a time: 2026-01-01 00:06:00.000 (UTC session time zone). */
    private static String printed(Instant time) {
        return time.toString().replace('T', ' ').replace("Z", ".000");
    }
}
