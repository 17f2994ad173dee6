package io.llmeval.cli.sql;

import io.llmeval.cli.CliRun;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code llm-eval sql-client} without starting the client: the configuration it gives it (read back with Flink's
 * own loader), the classpath of a Flink distribution's client, and the exit codes of unusable arguments,
 * inputs and a cluster that is not running.
 */
class SqlClientCommandTest {

    private static final SqlClientScripts SCRIPT = new SqlClientScripts(List.of(),
            Optional.of(List.of(new SqlScript.Statement("q.sql", 1, "SELECT 1"))));

    @Test
    void aClusterRunSubmitsToItsRestEndpointAndSetComesLast(@TempDir Path dir) throws IOException {
        Configuration conf = config(dir, new SqlClientLauncher.Request(SCRIPT, true,
                Map.of("parallelism.default", "4", "pipeline.name", "it's mine"),
                Optional.of(new SqlClientLauncher.Cluster("jobmanager", 8081))));

        assertThat(conf.toMap()).containsEntry("execution.target", "remote").containsEntry("rest.address", "jobmanager")
                .containsEntry("rest.port", "8081").containsEntry("execution.runtime-mode", "batch")
                .containsEntry("table.dml-sync", "true").containsEntry("sql-client.execution.result-mode", "tableau")
                .containsEntry("parallelism.default", "4").containsEntry("pipeline.name", "it's mine");
    }

    @Test
    void withoutAClusterJobsRunInTheClientAndSetCanStillOverrideIt(@TempDir Path dir) throws IOException {
        SqlClientScripts interactive = new SqlClientScripts(List.of(), Optional.empty());

        Configuration local = config(dir.resolve("local"), new SqlClientLauncher.Request(interactive, false, Map.of(), Optional.empty()));
        Configuration set = config(dir.resolve("set"), new SqlClientLauncher.Request(interactive, false,
                Map.of("execution.target", "remote", "rest.address", "flink.example.com"), Optional.empty()));

        // Interactive: the client's own result mode and asynchronous INSERTs.
        assertThat(local.toMap()).containsEntry("execution.target", "local").containsEntry("execution.runtime-mode", "streaming")
                .doesNotContainKeys("rest.address", "table.dml-sync", "sql-client.execution.result-mode");
        assertThat(set.toMap()).containsEntry("execution.target", "remote").containsEntry("rest.address", "flink.example.com");
    }

    @Test
    void aDistributionsClientIsItsLibThenPythonGatewayAndClientFromOpt(@TempDir Path home) throws IOException {
        for (String jar : List.of("lib/flink-dist-2.3.0.jar", "lib/flink-json-2.3.0.jar", "lib/log4j-api-2.24.3.jar",
                "opt/flink-sql-client-2.3.0.jar", "opt/flink-sql-gateway-2.3.0.jar", "opt/flink-sql-gateway-api-2.3.0.jar",
                "opt/flink-python-2.3.0.jar", "opt/flink-s3-fs-hadoop-2.3.0.jar", "usrlib/llm-eval-jobs.jar")) {
            Files.createDirectories(home.resolve(jar).getParent());
            Files.createFile(home.resolve(jar));
        }
        Files.createFile(home.resolve("lib/README.txt"));

        SqlClientJars jars = SqlClientJars.ofDistribution(home, home.resolve("usrlib/llm-eval-jobs.jar"));

        assertThat(jars.classpath()).extracting(p -> home.relativize(p).toString()).containsExactly(
                "lib/flink-dist-2.3.0.jar", "lib/flink-json-2.3.0.jar", "lib/log4j-api-2.24.3.jar",
                "opt/flink-python-2.3.0.jar", "opt/flink-sql-gateway-2.3.0.jar", "opt/flink-sql-client-2.3.0.jar");
        assertThat(jars.jobJar()).isEqualTo(home.resolve("usrlib/llm-eval-jobs.jar"));

        Files.delete(home.resolve("opt/flink-sql-client-2.3.0.jar"));
        assertThatThrownBy(() -> SqlClientJars.ofDistribution(home, home.resolve("usrlib/llm-eval-jobs.jar")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flink-sql-client-<version>.jar");
    }

    @Test
    void unusableArgumentsAndInputsExitWith2And3(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("q.sql");
        Files.writeString(script, "SELECT ${NOT_SET};\n");

        CliRun badCluster = sqlClient(dir, "--cluster=jobmanager", "-f", script.toString());
        CliRun homeWithoutJar = sqlClient(dir, "--flink-home", dir.toString(), "-f", script.toString());
        CliRun missingFile = sqlClient(dir, "-f", dir.resolve("missing.sql").toString());
        CliRun missingValue = sqlClient(dir, "-f", script.toString());
        Files.writeString(dir.resolve("fine.sql"), "SELECT 1;\n");
        CliRun missingJar = sqlClient(dir, "--jar", dir.resolve("none.jar").toString(), "-f", dir.resolve("fine.sql").toString());

        assertThat(badCluster.exitCode()).isEqualTo(2);
        assertThat(badCluster.err()).startsWith("llm-eval: --cluster takes HOST:PORT, not 'jobmanager'").hasLineCount(1);
        assertThat(homeWithoutJar.exitCode()).isEqualTo(2);
        assertThat(homeWithoutJar.err()).startsWith("llm-eval: --flink-home needs --jar").hasLineCount(1);
        assertThat(missingFile.exitCode()).isEqualTo(3);
        assertThat(missingFile.err()).isEqualTo("llm-eval: no such file: " + dir.resolve("missing.sql") + "\n");
        assertThat(missingValue.exitCode()).isEqualTo(3);
        assertThat(missingValue.err()).isEqualTo("llm-eval: " + script + ":1: no value for ${NOT_SET}; pass --var NOT_SET=...\n");
        assertThat(missingJar.exitCode()).isEqualTo(3);
        assertThat(missingJar.err()).startsWith("llm-eval: job jar not found: " + dir.resolve("none.jar")).hasLineCount(1);
    }

    @Test
    void withoutARunningClusterInDirItSaysSoInOneLine(@TempDir Path dir) {
        CliRun run = sqlClient(dir, "--cluster", "--dir", dir.resolve("none").toString(), "-f", SqlFiles.sql("alerts.sql"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("llm-eval: no Flink cluster is running from " + dir.resolve("none")
                + "; start one with 'llm-eval cluster start'\n");
    }

    private static Configuration config(Path dir, SqlClientLauncher.Request request) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), SqlClientLauncher.config(request));
        return GlobalConfiguration.loadConfiguration(dir.toString());
    }

    private static CliRun sqlClient(Path dir, String... args) {
        return SqlClientRuns.sqlClient(dir.resolve("work"), List.of(args));
    }
}
