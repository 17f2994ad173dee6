package io.llmeval.jobs.cli;

import io.llmeval.jobs.sql.SqlDefaults;
import io.llmeval.jobs.sql.SqlRunner;
import io.llmeval.jobs.sql.SqlScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code llm-eval sql}: runs Flink SQL files in an embedded TableEnvironment with our functions registered. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run Flink SQL files with llm-eval's functions registered: queries print tables,",
            "INSERT INTO statements run as jobs. ${NAME} placeholders take --var NAME=VALUE (see sql/README.md)."})
public class SqlCommand extends BaseCommand {

    enum Mode { streaming, batch }

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The SQL file to run.")
    Path file;

    @Option(names = {"-i", "--init"}, paramLabel = "FILE", description = "SQL files to run first, in order (repeatable).")
    List<Path> initFiles = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "streaming or batch (default: streaming).")
    Mode mode = Mode.streaming;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Table/Flink configuration (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Value of a ${NAME} placeholder (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Override
    protected int execute() throws Exception {
        Map<String, String> values = new LinkedHashMap<>(SqlDefaults.VARS);
        values.putAll(vars);
        List<SqlScript> scripts = new ArrayList<>();
        for (Path init : initFiles) {
            scripts.add(SqlScript.load(init, values));
        }
        scripts.add(SqlScript.load(file, values));

        SqlRunner runner = new SqlRunner(mode == Mode.batch, settings, values, System.out);
        runner.registerFunctions();
        for (SqlScript script : scripts) {
            runner.run(script);
        }
        System.out.flush();
        return ExitCodes.OK;
    }
}
