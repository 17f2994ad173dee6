package io.llmeval.cli;

import io.llmeval.jobs.cli.ExitCodes;
import io.llmeval.jobs.cli.BaseCommand;
import io.llmeval.cli.sql.SqlClientScripts;
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
        if (renderDir != null) {
            return render();
        }
        // Every file is read, and its placeholders checked, before anything runs.
        Map<String, String> values = SqlDefaults.values(mode == Mode.batch, vars);
        List<SqlScript> scripts = new ArrayList<>();
        for (Path init : initFiles) {
            scripts.add(SqlScript.load(init, values));
        }
        scripts.add(SqlScript.load(file, values));

        PrintWriter out = out();
        SqlRunner runner = new SqlRunner(mode == Mode.batch, settings, values, printStream(out));
        runner.registerFunctions();
        for (SqlScript script : scripts) {
            runner.run(script);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the SQL client's init file (settings first) and script. */
    private int render() throws IOException {
        Path initFile = renderDir.resolve(RENDERED_INIT);
        Path mainFile = renderDir.resolve(file.getFileName().toString());
        if (initFile.getFileName().equals(mainFile.getFileName())) {
            throw new IllegalArgumentException("-f must not be named " + RENDERED_INIT + " with --render");
        }
        SqlClientScripts scripts = SqlClientScripts.render(initFiles, Optional.of(file), mode == Mode.batch, vars);
        StringBuilder init = new StringBuilder();
        init.append(set("execution.runtime-mode", mode.name()));
        if (mode == Mode.batch) {
            // The script's queries read what its INSERTs wrote: let each INSERT finish first.
            init.append(set("table.dml-sync", "true"));
        }
        init.append(set("sql-client.execution.result-mode", "tableau"));
        settings.forEach((key, value) -> init.append(set(key, value)));
        init.append(SqlClientScripts.text(scripts.init()));

        Files.createDirectories(renderDir);
        Files.writeString(initFile, init.toString());
        Files.writeString(mainFile, SqlClientScripts.text(scripts.script().orElseThrow()));
        out().println("wrote " + initFile + " and " + mainFile + "; run them with");
        out().println("  sql-client.sh -j <llm-eval-jobs-...-job.jar> -i " + initFile + " -f " + mainFile);
        out().flush();
        return ExitCodes.OK;
    }

    private static String set(String key, String value) {
        return "SET '" + key.replace("'", "''") + "' = '" + value.replace("'", "''") + "';\n";
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
