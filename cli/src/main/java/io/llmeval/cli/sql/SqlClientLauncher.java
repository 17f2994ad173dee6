package io.llmeval.cli.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
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
 * what {@code sql-client.sh -j <job jar>} runs in a Flink distribution: the {@link SqlClientJars} (the
 * distribution's lib/ and its SQL client, gateway and Python jars; the job jar with our functions and the Kafka
 * SQL connector) and a FLINK_CONF_DIR written here. Jobs run in a MiniCluster inside the client
 * ({@code execution.target: local}), or on a running cluster ({@code remote}: the client ships the job jar with
 * each job, as {@code --jar} puts it in {@code pipeline.jars}).
 *
 * <pre>{@code
 * SqlClientScripts scripts = SqlClientScripts.render(List.of(Path.of("sql/sources.sql")),
 *         Optional.of(Path.of("sql/alerts.sql")), true, Map.of("LOGS_PATH", "/tmp/gen/logs"));
 * ClusterLayout layout = ClusterLayout.discover();
 * SqlClientLauncher client = new SqlClientLauncher(SqlClientJars.ofCheckout(layout, layout.jobJar()),
 *         Path.of(".llm-eval/sql-client"));
 * SqlClientLauncher.Outcome outcome = client.runFile(new SqlClientLauncher.Request(scripts, true, Map.of(),
 *         Optional.empty()), out);   // or client.runInteractive(request) without a script
 * }</pre>
 *
 * <p>The rendered init statements and script go to {@code init.sql} and {@code script.sql}. The client runs a
 * file until a statement fails and then exits 0 all the same; {@link SqlClientTranscript} finds the failure in
 * its output, mapped back here to the source file and line.
 */
public final class SqlClientLauncher {

    static final String CLIENT_MAIN = "org.apache.flink.table.client.SqlClient";
    static final String INIT_FILE = "init.sql";
    static final String SCRIPT_FILE = "script.sql";
    /** The client's own transcript of the init file, which it logs instead of printing (see the log4j config). */
    static final String INIT_TRANSCRIPT = "log/init-transcript.log";
    static final String LOG_FILE = "log/sql-client.log";
    private static final String JVM_HEAP = "-Xmx2g";

    /**
     * What to run.
     *
     * @param scripts the init statements ({@code -i}) and the script ({@code -f}; none for the interactive client)
     * @param batch the runtime mode (batch, else streaming)
     * @param settings {@code --set}: Flink and table configuration for the session
     * @param cluster the running cluster to submit jobs to; empty for a MiniCluster inside the client
     */
    public record Request(SqlClientScripts scripts, boolean batch, Map<String, String> settings, Optional<Cluster> cluster) {}

    /**
     * A running Flink cluster, by its JobManager's REST endpoint.
     *
     * @param restAddress {@code rest.address}
     * @param restPort {@code rest.port}
     */
    public record Cluster(String restAddress, int restPort) {}

    /**
     * How a run ended.
     *
     * @param exitCode 0, 1 when a statement failed, else the client's own exit code
     * @param error {@code FILE:LINE: reason} of the failed statement, or what else went wrong
     */
    public record Outcome(int exitCode, Optional<String> error) {
        static final Outcome OK = new Outcome(0, Optional.empty());
    }

    private final SqlClientJars jars;
    private final Path workDir;

    /**
     * @param jars the client's classpath and the job jar
     * @param workDir written to: the configuration, the rendered files, the client's log and history
     */
    public SqlClientLauncher(SqlClientJars jars, Path workDir) {
        this.jars = jars;
        this.workDir = workDir.toAbsolutePath();
    }

    /** Runs the request's script non-interactively, printing the client's output to {@code out}. */
    public Outcome runFile(Request request, PrintWriter out) throws IOException, InterruptedException {
        Optional<List<SqlScript.Statement>> script = request.scripts().script();
        if (script.isEmpty()) {
            throw new IllegalArgumentException("runFile needs a script (-f)");
        }
        Process process = builder(request).redirectErrorStream(true).start();
        process.getOutputStream().close();
        SqlClientTranscript transcript = new SqlClientTranscript();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                transcript.accept(line);
            }
        }
        out.flush();
        int exitCode = process.waitFor();
        return outcome(exitCode, request.scripts().init(), failure(transcript, script.get()));
    }

    /**
     * Runs the interactive client on this process's terminal until the user quits. Ctrl-C reaches every process
     * of the terminal's foreground group; the client cancels a running query on it, and this JVM must not die of
     * it meanwhile (leaving the client behind), so it ignores SIGINT until the client has exited.
     */
    public Outcome runInteractive(Request request) throws IOException, InterruptedException {
        Process client = builder(request).inheritIO().start();
        int exitCode;
        try (InterruptIgnored ignored = InterruptIgnored.whileRunning()) {
            exitCode = client.waitFor();
        }
        return outcome(exitCode, request.scripts().init(), Optional.empty());
    }

    /** The child JVM's command line for the files {@link #write} wrote for {@code scripts}. */
    List<String> command(Path confDir, SqlClientScripts scripts) {
        List<String> command = new ArrayList<>(List.of(jars.java().toString(), JVM_HEAP,
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dlog4j.configurationFile=" + confDir.resolve("log4j-cli.properties"),
                "-cp", jars.classpathArgument(), CLIENT_MAIN, "embedded",
                "--jar", jars.jobJar().toString(),
                "--history", workDir.resolve("history").toString()));
        if (!scripts.init().isEmpty()) {
            command.addAll(List.of("--init", workDir.resolve(INIT_FILE).toString()));
        }
        if (scripts.script().isPresent()) {
            command.addAll(List.of("--file", workDir.resolve(SCRIPT_FILE).toString()));
            // Output to a pipe, not a terminal: say so, rather than have JLine warn that it found none.
            command.add(1, "-Dorg.jline.terminal.dumb=true");
        }
        return command;
    }

    /** Writes the configuration directory, the init file and the script under the work dir; returns the former. */
    Path write(Request request) throws IOException {
        SqlClientScripts scripts = request.scripts();
        Files.createDirectories(workDir.resolve("log"));
        Files.deleteIfExists(workDir.resolve(INIT_TRANSCRIPT));
        Path confDir = Files.createDirectories(workDir.resolve("conf"));
        Files.writeString(confDir.resolve("config.yaml"), config(request));
        Files.writeString(confDir.resolve("log4j-cli.properties"), log4jConfig());
        Files.deleteIfExists(workDir.resolve(INIT_FILE));
        if (!scripts.init().isEmpty()) {
            Files.writeString(workDir.resolve(INIT_FILE), SqlClientScripts.text(scripts.init()));
        }
        if (scripts.script().isPresent()) {
            Files.writeString(workDir.resolve(SCRIPT_FILE), SqlClientScripts.text(scripts.script().get()));
        }
        return confDir;
    }

    private ProcessBuilder builder(Request request) throws IOException {
        Path confDir = write(request);
        ProcessBuilder builder = new ProcessBuilder(command(confDir, request.scripts()));
        builder.environment().put("FLINK_CONF_DIR", confDir.toString());
        return builder;
    }

    /**
     * Exit code and error of a finished client: a failed init statement (from the init transcript the client
     * logged), a failed script statement (found in its output), or a client that exited non-zero by itself.
     */
    private Outcome outcome(int exitCode, List<SqlScript.Statement> init, Optional<String> scriptError) throws IOException {
        Optional<String> error = failure(initTranscript(), init).or(() -> scriptError);
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

    /**
     * The session's configuration: where jobs run (in-process, or on the cluster's REST endpoint), the runtime
     * mode, and for a file its INSERTs waited for (the alert script reads back what its INSERT wrote) and queries
     * printed as tables (the only result mode the client allows in a file); then {@code --set}.
     */
    static String config(Request request) {
        Map<String, String> config = new LinkedHashMap<>();
        if (request.cluster().isPresent()) {
            config.put("execution.target", "remote");
            config.put("rest.address", request.cluster().get().restAddress());
            config.put("rest.port", Integer.toString(request.cluster().get().restPort()));
        } else {
            config.put("execution.target", "local");
        }
        config.put("execution.runtime-mode", request.batch() ? "batch" : "streaming");
        if (request.scripts().script().isPresent()) {
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

    /**
     * SIGINT ignored by this JVM while the interactive client runs, its handler restored on close. Only the JDK's
     * {@code sun.misc.Signal} (module jdk.unsupported) can do this; without it the JVM would exit on the first
     * Ctrl-C and leave the client orphaned on the terminal.
     */
    private static final class InterruptIgnored implements AutoCloseable {
        private static final sun.misc.Signal INT = new sun.misc.Signal("INT");
        private final sun.misc.SignalHandler previous;

        private InterruptIgnored(sun.misc.SignalHandler previous) {
            this.previous = previous;
        }

        static InterruptIgnored whileRunning() {
            return new InterruptIgnored(sun.misc.Signal.handle(INT, sun.misc.SignalHandler.SIG_IGN));
        }

        @Override
        public void close() {
            sun.misc.Signal.handle(INT, previous);
        }
    }
}
