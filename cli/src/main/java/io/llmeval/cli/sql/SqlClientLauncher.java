package io.llmeval.cli.sql;

import io.llmeval.cli.cluster.ClusterLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flink's own SQL client, {@code org.apache.flink.table.client.SqlClient}, in embedded mode as a child JVM —
 * what {@code sql-client.sh -j <job jar>} runs in a Flink distribution: the jars {@code tools/sql-client}
 * resolves (the distribution's lib/ and its SQL client, gateway and Python jars), the job jar with our
 * functions and the Kafka SQL connector, and a FLINK_CONF_DIR written here ({@code execution.target: local}:
 * jobs run in a MiniCluster inside the client).
 *
 * <pre>{@code
 * SqlClientLauncher client = new SqlClientLauncher(ClusterLayout.discover(), Path.of(".llm-eval/sql-client"));
 * SqlClientLauncher.Request request = new SqlClientLauncher.Request(
 *         List.of(Path.of("sql/functions.sql"), Path.of("sql/sources.sql")), Optional.of(Path.of("sql/alerts.sql")),
 *         true, Map.of(), Map.of("LOGS_PATH", "/tmp/gen/logs"));
 * SqlClientLauncher.Outcome outcome = client.runFile(request, System.out);   // or client.runInteractive(request)
 * }</pre>
 *
 * <p>The client substitutes no {@code ${NAME}} placeholders and takes one init file: the {@code -i} files are
 * rendered with {@link SqlScript} and {@link SqlDefaults} and joined in order into one {@code init.sql}
 * (after the bundled functions when none of them is {@code functions.sql}), the {@code -f} file into
 * {@code script.sql}. The client runs a file until a statement fails and then exits 0 all the same;
 * {@link SqlClientTranscript} finds the failure in its output, mapped back here to the source file and line.
 */
public final class SqlClientLauncher {

    static final String CLIENT_MAIN = "org.apache.flink.table.client.SqlClient";
    static final String CLASSPATH_FILE = "tools/sql-client/target/classpath.txt";
    static final String INIT_FILE = "init.sql";
    static final String SCRIPT_FILE = "script.sql";
    /** The client's own transcript of the init file, which it logs instead of printing (see the log4j config). */
    static final String INIT_TRANSCRIPT = "log/init-transcript.log";
    static final String LOG_FILE = "log/sql-client.log";
    private static final String JVM_HEAP = "-Xmx2g";

    /**
     * What to run.
     *
     * @param initFiles {@code -i}: run first, in order
     * @param file {@code -f}: the script; empty for the interactive client
     * @param batch the runtime mode (batch, else streaming)
     * @param settings {@code --set}: Flink and table configuration for the session
     * @param vars {@code --var}: placeholder values over {@link SqlDefaults#forMode}
     */
    public record Request(List<Path> initFiles, Optional<Path> file, boolean batch, Map<String, String> settings,
                          Map<String, String> vars) {}

    /**
     * How a run ended.
     *
     * @param exitCode 0, 1 when a statement failed, else the client's own exit code
     * @param error {@code FILE:LINE: reason} of the failed statement, or what else went wrong
     */
    public record Outcome(int exitCode, Optional<String> error) {
        static final Outcome OK = new Outcome(0, Optional.empty());
    }

    /** The files written for one run and the statements in them, in the order the client reads them. */
    record Rendered(Path confDir, List<SqlScript.Statement> init, Optional<List<SqlScript.Statement>> script) {}

    private final ClusterLayout layout;
    private final Path workDir;

    /**
     * @param layout where the job jar and {@code tools/sql-client}'s classpath are
     * @param workDir written to: the configuration, the rendered files, the client's log and history
     */
    public SqlClientLauncher(ClusterLayout layout, Path workDir) {
        this.layout = layout;
        this.workDir = workDir.toAbsolutePath();
    }

    /** Runs {@code request.file()} non-interactively, printing the client's output to {@code out}. */
    public Outcome runFile(Request request, PrintStream out) throws IOException, InterruptedException {
        if (request.file().isEmpty()) {
            throw new IllegalArgumentException("runFile needs a file (-f)");
        }
        Rendered rendered = render(request);
        Process process = builder(rendered).redirectErrorStream(true).start();
        process.getOutputStream().close();
        SqlClientTranscript transcript = new SqlClientTranscript();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                transcript.accept(line);
            }
        }
        out.flush();
        return outcome(process.waitFor(), rendered, Optional.of(transcript));
    }

    /** Runs the interactive client on this process's terminal until the user quits. */
    public Outcome runInteractive(Request request) throws IOException, InterruptedException {
        Rendered rendered = render(request);
        return outcome(builder(rendered).inheritIO().start().waitFor(), rendered, Optional.empty());
    }

    /** The child JVM's command line for what {@link #render} wrote. */
    List<String> command(Rendered rendered) {
        if (!Files.isRegularFile(layout.jobJar())) {
            throw new IllegalStateException("no job jar " + layout.jobJar() + ": build it with 'mvn -B -DskipTests package'");
        }
        List<String> command = new ArrayList<>(List.of(layout.java().toString(), JVM_HEAP,
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dlog4j.configurationFile=" + rendered.confDir().resolve("log4j-cli.properties"),
                "-cp", classpath(), CLIENT_MAIN, "embedded",
                "--jar", layout.jobJar().toString(),
                "--history", workDir.resolve("history").toString()));
        if (!rendered.init().isEmpty()) {
            command.addAll(List.of("--init", workDir.resolve(INIT_FILE).toString()));
        }
        if (rendered.script().isPresent()) {
            command.addAll(List.of("--file", workDir.resolve(SCRIPT_FILE).toString()));
            // Output to a pipe, not a terminal: say so, rather than have JLine warn that it found none.
            command.add(1, "-Dorg.jline.terminal.dumb=true");
        }
        return command;
    }

    /** Writes the configuration directory and the rendered init file and script under the work dir. */
    Rendered render(Request request) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(SqlDefaults.forMode(request.batch()));
        values.putAll(request.vars());
        List<SqlScript.Statement> init = new ArrayList<>();
        boolean hasFunctions = request.initFiles().stream().anyMatch(p -> p.getFileName().toString().equals("functions.sql"));
        if (!hasFunctions) {
            SqlRunner.bundledFunctions(values).ifPresent(functions -> init.addAll(functions.statements()));
        }
        for (Path file : request.initFiles()) {
            init.addAll(SqlScript.load(file, values).statements());
        }
        Optional<List<SqlScript.Statement>> script = Optional.empty();
        if (request.file().isPresent()) {
            script = Optional.of(SqlScript.load(request.file().get(), values).statements());
        }

        Files.createDirectories(workDir.resolve("log"));
        Files.deleteIfExists(workDir.resolve(INIT_TRANSCRIPT));
        Path confDir = Files.createDirectories(workDir.resolve("conf"));
        Files.writeString(confDir.resolve("config.yaml"), config(request));
        Files.writeString(confDir.resolve("log4j-cli.properties"), log4jConfig());
        Files.deleteIfExists(workDir.resolve(INIT_FILE));
        if (!init.isEmpty()) {
            Files.writeString(workDir.resolve(INIT_FILE), statements(init));
        }
        if (script.isPresent()) {
            Files.writeString(workDir.resolve(SCRIPT_FILE), statements(script.get()));
        }
        return new Rendered(confDir, init, script);
    }

    private ProcessBuilder builder(Rendered rendered) {
        ProcessBuilder builder = new ProcessBuilder(command(rendered));
        builder.environment().put("FLINK_CONF_DIR", rendered.confDir().toString());
        return builder;
    }

    /**
     * Exit code and error of a finished client: a failed init statement (from the init transcript the client
     * logged), a failed script statement (from its output), or a client that exited non-zero by itself.
     */
    private Outcome outcome(int exitCode, Rendered rendered, Optional<SqlClientTranscript> scriptTranscript) throws IOException {
        Optional<String> error = failure(initTranscript(), rendered.init());
        if (error.isEmpty() && scriptTranscript.isPresent() && rendered.script().isPresent()) {
            error = failure(scriptTranscript.get(), rendered.script().get());
        }
        if (error.isPresent()) {
            return new Outcome(exitCode == 0 ? 1 : exitCode, error);
        }
        if (exitCode != 0) {
            return new Outcome(exitCode, Optional.of("Flink's SQL client exited with " + exitCode + "; see "
                    + workDir.resolve(LOG_FILE)));
        }
        return Outcome.OK;
    }

    private SqlClientTranscript initTranscript() throws IOException {
        SqlClientTranscript transcript = new SqlClientTranscript();
        Path file = workDir.resolve(INIT_TRANSCRIPT);
        if (Files.isRegularFile(file)) {
            Files.readAllLines(file, StandardCharsets.UTF_8).forEach(transcript::accept);
        }
        return transcript;
    }

    private static Optional<String> failure(SqlClientTranscript transcript, List<SqlScript.Statement> statements) {
        return transcript.failure().map(f -> {
            String where = f.statement() <= statements.size() ? statements.get(f.statement() - 1).location()
                    : "statement " + f.statement();
            return where + ": " + (f.reason().isEmpty() ? "failed" : f.reason());
        });
    }

    private static String statements(List<SqlScript.Statement> statements) {
        StringBuilder text = new StringBuilder();
        for (SqlScript.Statement statement : statements) {
            text.append(statement.sql()).append(";\n\n");
        }
        return text.toString();
    }

    /**
     * The session's configuration: in-process jobs, the runtime mode, and for a file its INSERTs waited for
     * (the alert script reads back what its INSERT wrote) and queries printed as tables (the only result mode
     * the client allows in a file); then {@code --set}.
     */
    private static String config(Request request) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("execution.target", "local");
        config.put("execution.runtime-mode", request.batch() ? "batch" : "streaming");
        if (request.file().isPresent()) {
            config.put("table.dml-sync", "true");
            config.put("sql-client.execution.result-mode", "tableau");
        }
        config.putAll(request.settings());
        StringBuilder yaml = new StringBuilder("# Written by llm-eval for Flink's SQL client (SqlClientLauncher).\n");
        config.forEach((key, value) -> yaml.append(quoted(key)).append(": ").append(quoted(value)).append('\n'));
        return yaml.toString();
    }

    private static String quoted(String yamlScalar) {
        return "'" + yamlScalar.replace("'", "''") + "'";
    }

    /** Everything to the log file; the init file's transcript (logged at INFO by CliClient) also to its own. */
    private String log4jConfig() {
        return String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = File",
                "appender.file.name = File",
                "appender.file.type = File",
                "appender.file.append = false",
                "appender.file.fileName = " + workDir.resolve(LOG_FILE),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c - %m%n",
                "logger.cli.name = org.apache.flink.table.client.cli.CliClient",
                "logger.cli.level = INFO",
                "logger.cli.appenderRef.transcript.ref = Transcript",
                "appender.transcript.name = Transcript",
                "appender.transcript.type = File",
                "appender.transcript.append = false",
                "appender.transcript.fileName = " + workDir.resolve(INIT_TRANSCRIPT),
                "appender.transcript.layout.type = PatternLayout",
                "appender.transcript.layout.pattern = %m%n",
                "appender.transcript.filter.info.type = LevelMatchFilter",
                "appender.transcript.filter.info.level = INFO",
                "appender.transcript.filter.info.onMatch = ACCEPT",
                "appender.transcript.filter.info.onMismatch = DENY",
                "");
    }

    /** {@code tools/sql-client}'s classpath, checked: every jar must be there. */
    private String classpath() {
        Path file = layout.home().resolve(CLASSPATH_FILE);
        try {
            String classpath = Files.readString(file).trim();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException(file + " names a missing jar (" + entry
                            + "); rebuild it with 'mvn -B -pl tools/sql-client install'");
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + ": build it with 'mvn -B -pl tools/sql-client install'", e);
        }
    }
}
