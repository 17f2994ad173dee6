package io.llmeval.cli.sql;

import io.llmeval.cli.CliRun;
import io.llmeval.cli.generator.GeneratorConfig;
import io.llmeval.cli.generator.IncidentType;
import io.llmeval.cli.generator.TrafficGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code bin/llm-eval sql-client} in a terminal, driven the way a person would: tmux runs the command,
 * {@code send-keys} types statements (a trailing {@code ;} must go as {@code \;}: tmux takes a bare one for its
 * own command separator) and Ctrl-C, {@code capture-pane} reads the screen. The interactive client is Flink's own
 * (a child JVM of the llm-eval one); the rows of a query over generated logs are those {@code llm-eval sql} prints.
 */
class SqlClientTerminalIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(4);
    private static final String QUERY = "SELECT model, COUNT(*) AS answers, ROUND(AVG(ROUGE_L(reference, response)), 4)"
            + " AS rouge_l_mean FROM requests WHERE CHAR_LENGTH(TRIM(reference)) > 0 GROUP BY model ORDER BY model";

    @TempDir
    static Path dir;

    private final String socket = "llm-eval-it-" + ProcessHandle.current().pid();

    @BeforeAll
    static void generateTraffic() throws Exception {
        new TrafficGenerator(GeneratorConfig.of(2_400, 7, EnumSet.noneOf(IncidentType.class))).writeTo(dir.resolve("gen"));
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (tmuxInstalled()) {
            tmux("kill-server");
        }
    }

    @Test
    void aPersonListsTheFunctionsQueriesTheLogsAndQuits() throws Exception {
        assumeThat(tmuxInstalled()).as("tmux is installed").isTrue();
        List<String> expectedRows = SqlClientRuns.tables(expectedOutput()).get(0);
        assertThat(expectedRows).hasSize(3);

        // bin/llm-eval as built by `package` (no rebuild from a test), its log in the temp dir; bash prints its exit
        // status (tmux's own #{pane_dead_status} is sometimes never set, tmux 3.3a).
        List<String> session = new ArrayList<>(List.of("new-session", "-d", "-s", "client", "-x", "250", "-y", "50",
                "bash", "-c", "\"$@\"; echo \"[exit status $?]\"", "bash",
                "env", "LLM_EVAL_SKIP_BUILD=1", "LLM_EVAL_LOG_FILE=" + dir.resolve("llm-eval.log"),
                SqlFiles.root().resolve("bin/llm-eval").toString(), "sql-client", "--work-dir", dir.resolve("client").toString(),
                "-i", SqlFiles.sql("functions.sql"), "-i", SqlFiles.sql("sources.sql"), "--mode", "batch",
                "--var", "LOGS_PATH=" + dir.resolve("gen/logs")));
        // Keep the pane after the command exits, to read the end of the screen.
        session.addAll(List.of(";", "set-option", "-t", "client", "remain-on-exit", "on"));
        assertThat(tmux(session.toArray(String[]::new))).isZero();

        String screen = awaitScreen(s -> s.contains("Flink SQL>"), START_TIMEOUT);
        assertThat(screen).contains("Welcome!");

        type("SET 'sql-client.execution.result-mode' = 'tableau';");
        awaitScreen(s -> s.contains("[INFO] Execute statement succeeded."), QUERY_TIMEOUT);

        type("SHOW FUNCTIONS;");
        screen = awaitScreen(s -> s.contains("rows in set"), QUERY_TIMEOUT);
        // The client lists temporary system functions in lower case, right-aligned.
        assertThat(screen).containsIgnoringCase(" rouge_l |").containsIgnoringCase(" hallucination_score |")
                .containsIgnoringCase(" wilson_lower_bound |");

        // Ctrl-C abandons a half-typed line; the client (and the llm-eval JVM that started it) carry on.
        assertThat(tmux("send-keys", "-t", "client", "SELECT 'abandoned'", "C-c")).isZero();
        Thread.sleep(2_000);
        assertThat(tmuxOutput("capture-pane", "-p", "-t", "client", "-S", "-")).doesNotContain("[exit status");

        type(QUERY + ";");
        screen = awaitScreen(s -> s.contains("3 rows in set"), QUERY_TIMEOUT);
        assertThat(SqlClientRuns.tables(screen.substring(screen.lastIndexOf(QUERY))).get(0)).containsExactlyElementsOf(expectedRows);

        type("QUIT;");
        screen = awaitScreen(s -> s.contains("[exit status"), QUERY_TIMEOUT);
        assertThat(screen).contains("Exiting Flink SQL CLI Client", "[exit status 0]");
    }

    /** The same query through {@code llm-eval sql}, in-process. */
    private static String expectedOutput() throws IOException {
        Path query = dir.resolve("rouge_by_model.sql");
        Files.writeString(query, QUERY + ";\n");
        CliRun run = SqlFiles.llmEval(List.of("sql", "-i", SqlFiles.sql("functions.sql"), "-i", SqlFiles.sql("sources.sql"),
                "-f", query.toString(), "--mode", "batch", "--var", "LOGS_PATH=" + dir.resolve("gen/logs")));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    /** Types a line and Enter; a trailing ';' escaped for tmux. */
    private void type(String line) throws Exception {
        String keys = line.endsWith(";") ? line.substring(0, line.length() - 1) + "\\;" : line;
        assertThat(tmux("send-keys", "-t", "client", keys, "Enter")).isZero();
    }

    private String awaitScreen(Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmuxOutput("capture-pane", "-p", "-t", "client", "-S", "-");
            if (done.test(screen)) {
                return screen;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the client's screen did not show what was awaited within " + timeout + ":\n" + screen);
    }

    private boolean tmuxInstalled() {
        try {
            return tmux("-V") == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private int tmux(String... args) throws Exception {
        Process process = tmuxProcess(args);
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    private String tmuxOutput(String... args) throws Exception {
        Process process = tmuxProcess(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private Process tmuxProcess(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
