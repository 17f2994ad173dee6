package io.llmeval.cli.sql;

import io.llmeval.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The placeholders of {@code sql/} against their defaults and {@code sql/README.md}, and {@code llm-eval sql
 * --render}: the files Flink's SQL client runs. No Flink job runs here.
 */
class SqlCommandTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    @Test
    void everyPlaceholderHasADefaultDocumentedInTheReadme() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SqlFiles.root().resolve("sql"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        String readme = Files.readString(SqlFiles.root().resolve("sql/README.md"));
        for (boolean batch : new boolean[] {true, false}) {
            Map<String, String> defaults = SqlDefaults.forMode(batch);
            assertThat(defaults.keySet()).as("defaults that no file uses").isSubsetOf(used);
            assertThat(used).as("placeholders without a default").isSubsetOf(defaults.keySet());
            for (Map.Entry<String, String> entry : defaults.entrySet()) {
                // A README table row: | `NAME` | `default` | meaning |
                assertThat(readme).as("sql/README.md documents %s", entry.getKey())
                        .containsPattern("\\| `" + entry.getKey() + "` \\|[^\\n]*`" + Pattern.quote(entry.getValue()) + "`");
            }
        }
    }

    @Test
    void renderWritesOneInitFileAndTheScriptForTheSqlClient(@TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("sql", "--render", dir.toString()));
        args.addAll(SqlFiles.initArgs());
        args.addAll(List.of("-f", SqlFiles.sql("alerts.sql"), "--mode", "batch", "--set", "parallelism.default=2",
                "--var", "LOGS_PATH=/data/logs", "--var", "OUTPUT_PATH=/data/out"));

        CliRun run = SqlFiles.llmEval(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sql-client.sh -j", dir.resolve("init.sql").toString(),
                dir.resolve("alerts.sql").toString());
        String init = Files.readString(dir.resolve("init.sql"));
        String script = Files.readString(dir.resolve("alerts.sql"));
        assertThat(init).startsWith("SET 'execution.runtime-mode' = 'batch';\nSET 'table.dml-sync' = 'true';\n")
                .contains("SET 'parallelism.default' = '2';", "'path' = '/data/logs'",
                        "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS APPROX_PERCENTILE",
                        "CREATE TEMPORARY VIEW windows_1m");
        assertThat(script).contains("'path' = '/data/out/alerts'", "INSERT INTO alerts_files SELECT * FROM alert_events");
        for (String text : List.of(init, script)) {
            assertThat(text).doesNotContain("${").doesNotContain("--");
        }
        // The SQL client's init file may hold no query and no INSERT: only SET and DDL.
        for (SqlScript.Statement statement : SqlScript.parse("init.sql", init, Map.of()).statements()) {
            assertThat(statement.sql()).as(statement.location()).matches("(?s)(SET|CREATE) .*");
        }
        // Functions come once: from -i functions.sql here, not also from the bundled copy.
        assertThat(init.split("CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS ROUGE_N ", -1)).hasSize(2);
    }
}
