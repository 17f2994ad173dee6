package io.llmeval.cli.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Flink's SQL client is given for a run of {@code sql/} files: one init file and one script, as statements
 * that keep their source file and line. The client substitutes no {@code ${NAME}} placeholders and takes a single
 * init file, so the placeholders are substituted here ({@link SqlDefaults#values}) and the {@code -i} files
 * joined in order, after the bundled functions unless one of them is {@code functions.sql}; comments are dropped.
 * {@code llm-eval sql --render} writes these for a Flink distribution's {@code sql-client.sh},
 * {@link SqlClientLauncher} for the client it starts.
 *
 * <pre>{@code
 * SqlClientScripts scripts = SqlClientScripts.render(List.of(Path.of("sql/sources.sql")),
 *         Optional.of(Path.of("sql/alerts.sql")), true, Map.of("LOGS_PATH", "/data/logs"));
 * Files.writeString(dir.resolve("init.sql"), SqlClientScripts.text(scripts.init()));
 * }</pre>
 *
 * @param init the bundled functions (unless an init file is {@code functions.sql}), then every init file
 * @param script the statements of the {@code -f} file; empty without one
 */
public record SqlClientScripts(List<SqlScript.Statement> init, Optional<List<SqlScript.Statement>> script) {

    static final String FUNCTIONS_FILE = "functions.sql";

    /**
     * Reads and renders the files.
     *
     * @param batch the runtime mode, which picks the default tables ({@link SqlDefaults#forMode})
     * @param vars {@code --var} values over the defaults
     * @throws IllegalArgumentException naming {@code FILE:LINE} when a placeholder has no value
     */
    public static SqlClientScripts render(List<Path> initFiles, Optional<Path> file, boolean batch,
                                          Map<String, String> vars) throws IOException {
        Map<String, String> values = SqlDefaults.values(batch, vars);
        List<SqlScript.Statement> init = new ArrayList<>();
        if (initFiles.stream().noneMatch(p -> p.getFileName().toString().equals(FUNCTIONS_FILE))) {
            SqlRunner.bundledFunctions(values).ifPresent(functions -> init.addAll(functions.statements()));
        }
        for (Path initFile : initFiles) {
            init.addAll(SqlScript.load(initFile, values).statements());
        }
        Optional<List<SqlScript.Statement>> script = Optional.empty();
        if (file.isPresent()) {
            script = Optional.of(SqlScript.load(file.get(), values).statements());
        }
        return new SqlClientScripts(List.copyOf(init), script.map(List::copyOf));
    }

    /** Statements as the client reads them from a file: each ended by {@code ;} and a blank line. */
    public static String text(List<SqlScript.Statement> statements) {
        StringBuilder text = new StringBuilder();
        for (SqlScript.Statement statement : statements) {
            text.append(statement.sql()).append(";\n\n");
        }
        return text.toString();
    }
}
