package io.llmeval.cli.sql;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlRunnerTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void queriesPrintTablesAndInsertsRunAsJobs(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SqlRunner runner = new SqlRunner(true, Map.of(), Map.of(), new PrintStream(printed, true));
        String script = """
                CREATE TABLE out_t (k STRING, n BIGINT) WITH (
                  'connector' = 'filesystem', 'path' = '${OUT}', 'format' = 'json');
                INSERT INTO out_t SELECT k, COUNT(*) FROM (VALUES ('a'), ('b'), ('a')) AS v(k) GROUP BY k;
                SELECT k, n FROM out_t ORDER BY k;
                """;

        runner.run(SqlScript.parse("t.sql", script, Map.of("OUT", dir.resolve("out").toString())));

        assertThat(printed.toString()).containsPattern("\\|\\s+a \\|\\s+2 \\|").containsPattern("\\|\\s+b \\|\\s+1 \\|");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.count()).isPositive();
        }
    }

    @Test
    void setAndResetChangeTheSessionConfiguration() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SqlRunner runner = new SqlRunner(true, Map.of(), Map.of(), new PrintStream(printed, true));
        runner.run(SqlScript.parse("set.sql", """
                SET 'table.local-time-zone' = 'Asia/Kolkata';
                SET 'pipeline.name' = 'it''s mine';
                RESET 'pipeline.name';
                """, Map.of()));

        assertThat(runner.tableEnvironment().getConfig().getLocalTimeZone()).hasToString("Asia/Kolkata");
        assertThat(runner.tableEnvironment().getConfig().getConfiguration().toMap()).doesNotContainKey("pipeline.name");
        assertThatThrownBy(() -> runner.run(SqlScript.parse("mode.sql", "SET 'execution.runtime-mode' = 'streaming'", Map.of())))
                .hasMessage("mode.sql:1: the runtime mode is chosen with --mode batch|streaming, not SET");
    }

    @Test
    void errorsNameFileAndLineWithFlinksMessage() {
        SqlRunner runner = new SqlRunner(true, Map.of(), Map.of(), new PrintStream(new ByteArrayOutputStream()));
        SqlScript script = SqlScript.parse("bad.sql", "SELECT 1;\n\nSELECT * FROM no_such_table;", Map.of());

        assertThatThrownBy(() -> runner.run(script))
                .isInstanceOf(SqlRunner.SqlStatementException.class)
                .hasMessageStartingWith("bad.sql:3: ")
                .hasMessageContaining("no_such_table");
    }
}
