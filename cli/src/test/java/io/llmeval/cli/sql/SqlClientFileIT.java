package io.llmeval.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmeval.cli.CliRun;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.Incident;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import io.llmeval.jobs.alerts.AlertFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm-eval sql-client -f}: Flink's own SQL client (a child JVM from {@code tools/sql-client}'s jars and the
 * job jar, so after {@code package}) running files non-interactively over generated traffic, against
 * {@code llm-eval sql} on the same files: the alert script in batch mode writes the very same events, the five
 * ad-hoc queries of {@code sql/queries/} print the same rows; a failed statement, in the script or in an init
 * file, ends the run with exit code 1 and one line {@code llm-eval: FILE:LINE: reason}, which the client itself
 * does not give; a Flink distribution's client ({@code --flink-home}) runs our functions too.
 */
class SqlClientFileIT {

    private static final List<String> QUERIES = List.of("top_hallucinating_routes.sql", "latency_p99_by_model_by_day.sql",
            "error_types.sql", "worst_windows.sql", "alert_events.sql");

    @TempDir
    static Path dir;

    private static List<Incident> incidents;
    /** {@code llm-eval sql}'s run of the alert script: its events are what the client must write. */
    private static Path sqlOutput;

    @BeforeAll
    static void generateTrafficAndRunLlmEvalSql() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(19_200, 42, EnumSet.allOf(IncidentType.class));
        incidents = new TrafficGenerator(config).writeTo(dir.resolve("gen")).incidents();
        sqlOutput = dir.resolve("sql-out");
        CliRun sqlRun = SqlFiles.alerts("batch", "LOGS_PATH=" + dir.resolve("gen/logs"), "OUTPUT_PATH=" + sqlOutput);
        assertThat(sqlRun.exitCode()).as(sqlRun.err()).isZero();
    }

    @Test
    void theAlertScriptGivesTheEventsOfLlmEvalSql() throws Exception {
        Path clientOutput = dir.resolve("client-out");

        CliRun run = SqlClientRuns.sqlClient(dir.resolve("client-alerts"), SqlClientRuns.alertsArgs("batch",
                "LOGS_PATH=" + dir.resolve("gen/logs"), "OUTPUT_PATH=" + clientOutput));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).isEmpty();
        // The script's read-back, printed by the client as a table: one firing and one resolved per incident.
        assertThat(run.out()).contains("Executing SQL from file.", "Complete execution of the SQL update statement.",
                "6 rows in set");
        List<JsonNode> events = SqlFiles.jsonLines(clientOutput.resolve("alerts"));
        assertThat(events.stream().map(AlertFiles::key).toList())
                .containsExactlyInAnyOrderElementsOf(AlertFiles.expectedKeys(incidents));
        // Values and exemplars included.
        assertThat(events).containsExactlyInAnyOrderElementsOf(SqlFiles.jsonLines(sqlOutput.resolve("alerts")));
    }

    /** The five queries, one after the other in one file: one client JVM, one embedded run to compare with. */
    @Test
    void theAdHocQueriesPrintTheRowsOfLlmEvalSql() throws Exception {
        Path queries = dir.resolve("queries.sql");
        StringBuilder text = new StringBuilder();
        for (String query : QUERIES) {
            text.append(Files.readString(Path.of(SqlFiles.sql("queries/" + query)))).append('\n');
        }
        Files.writeString(queries, text.toString());
        List<String> args = new ArrayList<>(SqlFiles.initArgs());
        args.addAll(List.of("-f", queries.toString(), "--mode", "batch", "--var", "LOGS_PATH=" + dir.resolve("gen/logs"),
                "--var", "OUTPUT_PATH=" + sqlOutput));
        List<String> sqlArgs = new ArrayList<>(List.of("sql"));
        sqlArgs.addAll(args);

        CliRun client = SqlClientRuns.sqlClient(dir.resolve("client-queries"), args);
        CliRun sql = SqlFiles.llmEval(sqlArgs);

        assertThat(client.exitCode()).as(client.out() + client.err()).isZero();
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        List<List<String>> clientTables = SqlClientRuns.tables(client.out());
        List<List<String>> sqlTables = SqlClientRuns.tables(sql.out());
        assertThat(sqlTables).hasSize(QUERIES.size()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
        // alert_events.sql reads back the six events of the alert script.
        assertThat(sqlTables.get(QUERIES.indexOf("alert_events.sql"))).hasSize(6);
        for (int i = 0; i < QUERIES.size(); i++) {
            assertThat(clientTables.get(i)).as(QUERIES.get(i)).containsExactlyElementsOf(sqlTables.get(i));
        }
        assertThat(clientTables).hasSize(QUERIES.size());
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

        CliRun run = SqlClientRuns.sqlClient(dir.resolve("client-broken"), List.of("-f", script.toString(), "--mode", "batch"));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("llm-eval: " + script + ":4: Object 'no_such_table' not found\n");
        // The client stops at the failed statement.
        assertThat(run.out()).doesNotContain("1 row in set");
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

        CliRun run = SqlClientRuns.sqlClient(dir.resolve("client-broken-init"), List.of("-i", SqlFiles.sql("functions.sql"),
                "-i", init.toString(), "-f", script.toString(), "--mode", "batch", "--var", "MISSING_TABLE=nowhere"));

        assertThat(run.out()).contains("Failed to initialize from sql script");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("llm-eval: " + init + ":3: Object 'nowhere' not found\n");
    }

    /**
     * {@code --flink-home}: the client as a Flink distribution lays it out (lib/, and opt/ with the SQL client,
     * gateway and Python jars), as in the Docker image; here made of the jars {@code tools/sql-client} resolves.
     */
    @Test
    void aFlinkDistributionsClientRunsOurFunctions() throws Exception {
        Path flinkHome = dir.resolve("flink");
        Files.createDirectories(flinkHome.resolve("lib"));
        Files.createDirectories(flinkHome.resolve("opt"));
        List<String> optJars = List.of("flink-python-", "flink-sql-gateway-2", "flink-sql-client-");
        for (String entry : Files.readString(SqlFiles.root().resolve(SqlClientJars.CLASSPATH_FILE)).trim().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            String folder = optJars.stream().anyMatch(name::startsWith) ? "opt" : "lib";
            Files.createSymbolicLink(flinkHome.resolve(folder).resolve(name), jar);
        }
        try (Stream<Path> opt = Files.list(flinkHome.resolve("opt"))) {
            assertThat(opt).hasSize(3);
        }
        Path script = dir.resolve("rouge.sql");
        Files.writeString(script, "SELECT ROUGE_L('the cat sat', 'the cat sat down') AS rouge_l;\n");

        CliRun run = SqlClientRuns.sqlClient(dir.resolve("client-distribution"), List.of("--flink-home", flinkHome.toString(),
                "--jar", SqlFiles.root().resolve("jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar").toString(),
                "-f", script.toString(), "--mode", "batch"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        // LCS 3 of 3 and 4 tokens: F = 2 * 1 * 0.75 / 1.75.
        assertThat(SqlClientRuns.tables(run.out())).containsExactly(List.of("0.8571428571428571"));
    }
}
