package io.llmeval.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.jobs.OutputFiles;
import io.llmeval.jobs.alerts.AlertFiles;
import io.llmeval.cli.LlmEval;
import io.llmeval.cli.kafka.KafkaBrokerExtension;
import io.llmeval.cli.kafka.TopicReader;
import io.llmeval.jobs.sink.FileOutputs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure on a real cluster: JobManager + two TaskManagers (separate JVMs, flink-conf/config.yaml),
 * parallelism 2, Kafka in and out with exactly-once sinks. One TaskManager is killed with SIGKILL three
 * times mid-stream (a replacement started each time). After the input is drained, the committed
 * {@code llm_metrics} and {@code llm_alerts} equal the batch backfill of the same records: nothing lost, nothing
 * duplicated, every incident alerted once.
 */
class ClusterFailoverIT {

    private static final int RECORDS = 36_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    static Path work;

    @RegisterExtension
    static final StandaloneClusterExtension CLUSTER = new StandaloneClusterExtension(2);

    @Test
    void killingTaskManagersLosesAndDuplicatesNothing() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        assertThat(LlmEval.execute("generate", "--records", Integer.toString(RECORDS), "--seed", "5",
                "--incidents", "latency_spike,error_burst,hallucination_spike", "--malformed-rate", "0.005",
                "--output", work.resolve("gen").toString(), "--to-kafka", bootstrap, "--topic", "requests",
                "--partitions", "2")).isZero();

        // Paced at 300 lines/s per subtask, the stream takes about a minute without failures.
        CompletableFuture<StandaloneCluster.ProcessResult> job = CompletableFuture.supplyAsync(() -> {
            try {
                return CLUSTER.cluster().submit(CLUSTER.layout().jobJar(), 2, List.of("stream", "--source", "kafka",
                        "--bootstrap-servers", bootstrap, "--topic", "requests", "--bounded", "--parallelism", "2",
                        "--group-id", "failover", "--transactional-id-prefix", "failover",
                        "--checkpoint-interval", "2s", "--replay-rate", "300", "--prometheus-port", "none",
                        "--output", work.resolve("stream").toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<Long> recoveryMillis = new ArrayList<>();
        int victim = 0;
        for (int kill = 0; kill < 3; kill++) {
            String jobId = awaitRunningJob();
            int checkpoints = awaitCheckpointsAbove(jobId, completedCheckpoints(jobId));
            long killedAt = System.nanoTime();
            CLUSTER.cluster().killTaskManager(victim);
            victim = CLUSTER.cluster().addTaskManager();
            awaitCheckpointsAbove(jobId, Math.max(checkpoints, completedCheckpoints(jobId)));
            recoveryMillis.add((System.nanoTime() - killedAt) / 1_000_000);
            assertThat(job).as("the job ended before kill %d: make the stream longer", kill + 1).isNotDone();
        }
        // Each replacement took the place of the killed one: no TaskManager left running unaccounted for.
        assertThat(CLUSTER.cluster().liveTaskManagerProcesses()).isEqualTo(2);
        StandaloneCluster.ProcessResult result = job.get();
        System.out.println("recovery after kill -9 (to the next completed checkpoint), ms: " + recoveryMillis);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(LlmEval.execute("backfill", "--input", work.resolve("gen/logs").toString(),
                "--output", work.resolve("batch").toString(), "--prometheus-port", "none")).isZero();
        List<String> expected = OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.WINDOWS_DIR);
        List<String> committed = values(TopicReader.readToEnd(bootstrap, "llm_metrics", Map.of(), Duration.ofSeconds(60)));

        assertThat(expected).isNotEmpty();
        assertThat(committed).isEqualTo(expected);
        assertThat(OutputFiles.sortedLines(work.resolve("stream"), FileOutputs.WINDOWS_DIR)).isEqualTo(expected);
        assertThat(TopicReader.readToEnd(bootstrap, "llm_dlq", Map.of(), Duration.ofSeconds(60)))
                .hasSameSizeAs(OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.DEAD_LETTERS_DIR));

        // Alerts: the state machine's state is restored with the windows', so each incident fires and resolves once.
        List<String> expectedAlerts = OutputFiles.sortedLines(work.resolve("batch"), FileOutputs.ALERTS_DIR);
        List<String> committedAlerts = values(TopicReader.readToEnd(bootstrap, "llm_alerts", Map.of(), Duration.ofSeconds(60)));
        assertThat(AlertFiles.keys(expectedAlerts)).containsExactlyInAnyOrderElementsOf(
                AlertFiles.expectedKeys(AlertFiles.readIncidents(work.resolve("gen/incidents.json")))).hasSize(6);
        assertThat(committedAlerts).isEqualTo(expectedAlerts);
        assertThat(OutputFiles.sortedLines(work.resolve("stream"), FileOutputs.ALERTS_DIR)).isEqualTo(expectedAlerts);
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
        values.sort(null);
        return values;
    }

    private static String awaitRunningJob() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String overview = CLUSTER.cluster().rest("/jobs/overview").orElse("{\"jobs\":[]}");
            for (JsonNode j : JSON.readTree(overview).get("jobs")) {
                if (j.get("state").asText().equals("RUNNING")) {
                    return j.get("jid").asText();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no running job within 120 s");
    }

    private static int completedCheckpoints(String jobId) throws Exception {
        return CLUSTER.cluster().rest("/jobs/" + jobId + "/checkpoints")
                .map(body -> {
                    try {
                        return JSON.readTree(body).path("counts").path("completed").asInt();
                    } catch (Exception e) {
                        return 0;
                    }
                }).orElse(0);
    }

    private static int awaitCheckpointsAbove(String jobId, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            int completed = completedCheckpoints(jobId);
            if (completed > count) {
                return completed;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no checkpoint after " + count + " within 180 s");
    }
}
