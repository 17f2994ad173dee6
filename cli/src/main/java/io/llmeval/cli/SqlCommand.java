package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.cli.sql.SqlDefaults;
import io.llmeval.cli.sql.SqlRunner;
import io.llmeval.cli.sql.SqlScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * {@code llm-eval sql}: runs Flink SQL files in an embedded TableEnvironment with our functions registered,
 * or renders them for Flink's SQL client.
 *
 * <pre>{@code
 * llm-eval sql -i sql/functions.sql -i sql/sources.sql -i sql/scores.sql -i sql/windows.sql \
 *     -f sql/alerts.sql --mode batch --var LOGS_PATH=/tmp/gen/logs --var OUTPUT_PATH=/tmp/out
 * llm-eval sql --render /tmp/rendered -i ... -f sql/alerts.sql --mode streaming --var KAFKA_BOOTSTRAP=kafka:9092
 * sql-client.sh -j jobs/target/llm-eval-jobs-0.1.0-SNAPSHOT-job.jar -i /tmp/rendered/init.sql -f /tmp/rendered/alerts.sql
 * }</pre>
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run Flink SQL files with llm-eval's functions registered: queries print tables,",
            "INSERT INTO statements run as jobs. $${NAME} placeholders take --var NAME=VALUE (see sql/README.md)."})
public class SqlCommand extends BaseCommand {

    enum Mode { streaming, batch }

    /** The one init file Flink's SQL client takes ({@code -i} is single-valued there). */
    static final String RENDERED_INIT = "init.sql";

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The SQL file to run.")
    Path file;

    @Option(names = {"-i", "--init"}, paramLabel = "FILE", description = "SQL files to run first, in order (repeatable).")
    List<Path> initFiles = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "streaming or batch (default: streaming).")
    Mode mode = Mode.streaming;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Table/Flink configuration (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Value of a $${NAME} placeholder (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--render", paramLabel = "DIR", description = {
        "Do not run: write the statements, placeholders substituted, for Flink's SQL client:",
        "DIR/init.sql (mode, --set, functions and every -i file) and DIR/<FILE>."})
    Path renderDir;

    @Override
    protected int execute() throws Exception {
        Map<String, String> values = new LinkedHashMap<>(SqlDefaults.forMode(mode == Mode.batch));
        values.putAll(vars);
        List<SqlScript> inits = new ArrayList<>();
        for (Path init : initFiles) {
            inits.add(SqlScript.load(init, values));
        }
        SqlScript main = SqlScript.load(file, values);
        if (renderDir != null) {
            return render(values, inits, main);
        }

        PrintWriter out = out();
        SqlRunner runner = new SqlRunner(mode == Mode.batch, settings, values, printStream(out));
        runner.registerFunctions();
        for (SqlScript script : inits) {
            runner.run(script);
        }
        runner.run(main);
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the SQL client's init file and script; the functions are included unless an -i file has them. */
    private int render(Map<String, String> values, List<SqlScript> inits, SqlScript main) throws IOException {
        StringBuilder init = new StringBuilder();
        init.append(set("execution.runtime-mode", mode.name()));
        if (mode == Mode.batch) {
            // The script's queries read what its INSERTs wrote: let each INSERT finish first.
            init.append(set("table.dml-sync", "true"));
        }
        init.append(set("sql-client.execution.result-mode", "tableau"));
        settings.forEach((key, value) -> init.append(set(key, value)));
        boolean hasFunctions = initFiles.stream().anyMatch(p -> p.getFileName().toString().equals("functions.sql"));
        Optional<SqlScript> functions = hasFunctions ? Optional.empty() : SqlRunner.bundledFunctions(values);
        functions.ifPresent(script -> append(init, script));
        inits.forEach(script -> append(init, script));

        Files.createDirectories(renderDir);
        Path initFile = renderDir.resolve(RENDERED_INIT);
        Path mainFile = renderDir.resolve(file.getFileName().toString());
        if (initFile.getFileName().equals(mainFile.getFileName())) {
            throw new IllegalArgumentException("-f must not be named " + RENDERED_INIT + " with --render");
        }
        Files.writeString(initFile, init.toString());
        StringBuilder script = new StringBuilder();
        append(script, main);
        Files.writeString(mainFile, script.toString());
        out().println("wrote " + initFile + " and " + mainFile + "; run them with");
        out().println("  sql-client.sh -j <llm-eval-jobs-...-job.jar> -i " + initFile + " -f " + mainFile);
        out().flush();
        return ExitCodes.OK;
    }

    private static String set(String key, String value) {
        return "SET '" + key.replace("'", "''") + "' = '" + value.replace("'", "''") + "';\n";
    }

    private static void append(StringBuilder out, SqlScript script) {
        for (SqlScript.Statement statement : script.statements()) {
            out.append(statement.sql()).append(";\n\n");
        }
    }

    /** The command's output writer as the PrintStream Flink's table printing needs. */
    private static PrintStream printStream(PrintWriter writer) {
        OutputStream bytes = new OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public void flush() {
                writer.write(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
                writer.flush();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
