package io.llmeval.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.cluster.StandaloneClusterExtension;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.alerts.AlertFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm-eval sql-client --cluster}: Flink's SQL client submits to a real standalone cluster (JobManager and two
 * TaskManagers as separate JVMs, flink-conf/config.yaml) instead of running jobs itself, shipping the job jar with
 * each job. The alert script in batch mode writes the events of {@code llm-eval sql}, and the cluster's REST API
 * lists its jobs, finished.
 */
class SqlClientClusterIT {

    @RegisterExtension
    static final StandaloneClusterExtension CLUSTER = new StandaloneClusterExtension(2);

    @Test
    void theAlertScriptRunsOnTheClusterAndGivesTheEventsOfLlmEvalSql(@TempDir Path dir) throws Exception {
        List<Incident> incidents = new TrafficGenerator(GeneratorConfig.of(19_200, 42, EnumSet.allOf(IncidentType.class)))
                .writeTo(dir.resolve("gen")).incidents();
        String logs = "LOGS_PATH=" + dir.resolve("gen/logs");
        List<String> args = new ArrayList<>(List.of("--cluster", "--dir", CLUSTER.cluster().workDir().toString()));
        args.addAll(SqlClientRuns.alertsArgs("batch", logs, "OUTPUT_PATH=" + dir.resolve("client-out")));

        CliRun run = SqlClientRuns.sqlClient(dir.resolve("client"), args);
        CliRun sql = SqlFiles.alerts("batch", logs, "OUTPUT_PATH=" + dir.resolve("sql-out"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        List<JsonNode> events = SqlFiles.jsonLines(dir.resolve("client-out/alerts"));
        assertThat(events.stream().map(AlertFiles::key).toList())
                .containsExactlyInAnyOrderElementsOf(AlertFiles.expectedKeys(incidents));
        assertThat(events).containsExactlyInAnyOrderElementsOf(SqlFiles.jsonLines(dir.resolve("sql-out/alerts")));

        // The cluster ran both jobs of the script: the INSERT and the read-back query.
        JsonNode overview = new ObjectMapper().readTree(CLUSTER.cluster().rest("/jobs/overview").orElseThrow());
        Map<String, String> jobs = new TreeMap<>();
        overview.path("jobs").forEach(job -> jobs.put(job.path("name").asText(), job.path("state").asText()));
        assertThat(jobs).containsEntry("insert-into_default_catalog.default_database.alerts_files", "FINISHED")
                .hasSize(2).allSatisfy((name, state) -> assertThat(state).isEqualTo("FINISHED"));
    }
}
