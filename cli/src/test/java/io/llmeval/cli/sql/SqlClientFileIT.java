package io.llmeval.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmeval.jobs.alerts.AlertFiles;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's own SQL client, started by {@link SqlClientLauncher} from {@code tools/sql-client}'s jars and the job
 * jar (so after {@code package}), running files non-interactively: the alert script in batch mode gives the
 * very events of {@code llm-eval sql}; a failed statement, in the script or in an init file, ends the run
 * with exit code 1 and its file and line, which the client itself does not give.
 */
class SqlClientFileIT {

    @TempDir
    static Path dir;

    private static List<Incident> incidents;

    @BeforeAll
    static void generateTraffic() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(19_200, 42, EnumSet.allOf(IncidentType.class));
        incidents = new TrafficGenerator(config).writeTo(dir.resolve("gen")).incidents();
    }

    @Test
    void theAlertScriptGivesTheEventsOfLlmEvalSql() throws Exception {
        Path clientOutput = dir.resolve("client-out");

        SqlClientRuns.Run run = SqlClientRuns.runFile(dir.resolve("client-alerts"), new SqlClientLauncher.Request(
                SqlClientRuns.initFiles(), Optional.of(Path.of(SqlFiles.sql("alerts.sql"))), true, Map.of(),
                Map.of("LOGS_PATH", dir.resolve("gen/logs").toString(), "OUTPUT_PATH", clientOutput.toString())));

        assertThat(run.outcome()).as(run.output()).isEqualTo(SqlClientLauncher.Outcome.OK);
        // The script's read-back, printed by the client as a table: one firing and one resolved per incident.
        assertThat(run.output()).contains("Executing SQL from file.", "Complete execution of the SQL update statement.",
                "6 rows in set");
        List<JsonNode> events = SqlFiles.jsonLines(clientOutput.resolve("alerts"));
        assertThat(events.stream().map(AlertFiles::key).toList())
                .containsExactlyInAnyOrderElementsOf(AlertFiles.expectedKeys(incidents));

        Path sqlOutput = dir.resolve("sql-out");
        CliRun sqlRun = SqlFiles.alerts("batch", "LOGS_PATH=" + dir.resolve("gen/logs"), "OUTPUT_PATH=" + sqlOutput);
        assertThat(sqlRun.exitCode()).as(sqlRun.err()).isZero();
        // Values and exemplars included.
        assertThat(events).containsExactlyInAnyOrderElementsOf(SqlFiles.jsonLines(sqlOutput.resolve("alerts")));
    }

    @Test
    void aFailedStatementOfTheScriptGivesItsFileAndLineAndExitCode1() throws Exception {
        Path script = dir.resolve("broken.sql");
        Files.writeString(script, """
                -- the second statement reads a table nobody made
                SET 'table.local-time-zone' = 'UTC';

                SELECT *
                FROM no_such_table;
                SELECT 1;
                """);

        SqlClientRuns.Run run = SqlClientRuns.runFile(dir.resolve("client-broken"), new SqlClientLauncher.Request(
                List.of(), Optional.of(script), true, Map.of(), Map.of()));

        assertThat(run.outcome()).as(run.output()).isEqualTo(new SqlClientLauncher.Outcome(1,
                Optional.of(script + ":4: Object 'no_such_table' not found")));
    }

    @Test
    void aFailedInitStatementGivesItsFileAndLine() throws Exception {
        Path init = dir.resolve("broken-init.sql");
        Files.writeString(init, """
                CREATE TEMPORARY VIEW first_view AS SELECT 1 AS x;

                CREATE TEMPORARY VIEW second_view AS
                  SELECT * FROM ${MISSING_TABLE};
                """);
        Path script = dir.resolve("fine.sql");
        Files.writeString(script, "SELECT 1;\n");

        SqlClientRuns.Run run = SqlClientRuns.runFile(dir.resolve("client-broken-init"), new SqlClientLauncher.Request(
                List.of(Path.of(SqlFiles.sql("functions.sql")), init), Optional.of(script), true, Map.of(),
                Map.of("MISSING_TABLE", "nowhere")));

        assertThat(run.output()).contains("Failed to initialize from sql script");
        assertThat(run.outcome()).as(run.output()).isEqualTo(new SqlClientLauncher.Outcome(1,
                Optional.of(init + ":3: Object 'nowhere' not found")));
    }
}
