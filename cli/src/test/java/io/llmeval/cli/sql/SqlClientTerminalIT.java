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
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The interactive SQL client in a terminal, driven the way a person would: tmux runs the command
 * {@link SqlClientLauncher} builds, {@code send-keys} types statements (a trailing {@code ;} must go as
 * {@code \;}: tmux takes a bare one for its own command separator), {@code capture-pane} reads the screen.
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
        List<String> expectedRows = tableRows(expectedOutput());
        assertThat(expectedRows).hasSize(3);

        SqlClientLauncher launcher = SqlClientRuns.launcher(dir.resolve("client"));
        SqlClientLauncher.Rendered rendered = launcher.render(new SqlClientLauncher.Request(
                List.of(Path.of(SqlFiles.sql("functions.sql")), Path.of(SqlFiles.sql("sources.sql"))),
                Optional.empty(), true, Map.of(), Map.of("LOGS_PATH", dir.resolve("gen/logs").toString())));
        List<String> session = new ArrayList<>(List.of("new-session", "-d", "-s", "client", "-x", "250", "-y", "50",
                "env", "FLINK_CONF_DIR=" + rendered.confDir()));
        session.addAll(launcher.command(rendered));
        // Keep the pane after the client exits, to read its exit status.
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

        type(QUERY + ";");
        screen = awaitScreen(s -> s.contains("3 rows in set"), QUERY_TIMEOUT);
        assertThat(tableRows(screen.substring(screen.lastIndexOf(QUERY)))).containsExactlyElementsOf(expectedRows);

        type("QUIT;");
        awaitScreen(s -> s.contains("Exiting Flink SQL CLI Client"), QUERY_TIMEOUT);
        assertThat(awaitPane("#{pane_dead}#{pane_dead_status}", "10", QUERY_TIMEOUT)).isEqualTo("10");
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

    /** Data rows of a printed table as their trimmed cells joined by '|' (column widths differ between printers). */
    private static List<String> tableRows(String text) {
        return text.lines().filter(l -> l.startsWith("|") && !l.contains("rouge_l_mean"))
                .map(l -> String.join("|", List.of(l.substring(1, l.length() - 1).split("\\|")).stream().map(String::strip).toList()))
                .toList();
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

    private String awaitPane(String format, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String value = "";
        while (System.nanoTime() < deadline) {
            value = tmuxOutput("display-message", "-p", "-t", "client", format).strip();
            if (value.equals(expected)) {
                break;
            }
            Thread.sleep(500);
        }
        return value;
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
