package io.llmeval.cli.sql;

import io.llmeval.jobs.alerts.AlertFiles;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's own SQL client in streaming mode with the alert script's defaults, on a real broker: from the
 * {@code llm_requests} topic (3 partitions) to {@code llm_alerts}, through the Kafka SQL connector the job jar
 * brings. The source is bounded with a dynamic option, as in {@link SqlKafkaTest}, so the INSERT ends.
 */
class SqlClientKafkaIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void alertsFlowFromTheRequestsTopicToTheAlertsTopic(@TempDir Path dir) throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        CliRun generate = SqlFiles.generateToKafka(dir, bootstrap);
        assertThat(generate.exitCode()).as(generate.err()).isZero();

        SqlClientRuns.Run run = SqlClientRuns.runFile(dir.resolve("client"), new SqlClientLauncher.Request(
                SqlClientRuns.initFiles(), Optional.of(Path.of(SqlFiles.sql("alerts.sql"))), false, Map.of(),
                Map.of("KAFKA_BOOTSTRAP", bootstrap, "KAFKA_STARTUP_MODE", "earliest-offset",
                        "REQUESTS_TABLE", "requests_kafka /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */")));

        assertThat(run.outcome()).as(run.output()).isEqualTo(SqlClientLauncher.Outcome.OK);
        CliRun read = SqlFiles.llmEval(List.of("kafka", "read", "--bootstrap-servers", bootstrap, "--topic", "llm_alerts"));
        assertThat(read.exitCode()).as(read.err()).isZero();
        List<String> events = read.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(AlertFiles.keys(events)).containsExactlyInAnyOrderElementsOf(
                AlertFiles.expectedKeys(AlertFiles.readIncidents(dir.resolve("gen/incidents.json"))));
        // The script's read-back of the topic, printed by the client: a changelog, one insert per event.
        assertThat(run.output().lines().filter(l -> l.startsWith("| +I |"))).hasSize(events.size());
    }
}
