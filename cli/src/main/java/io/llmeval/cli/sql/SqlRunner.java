package io.llmeval.cli.sql;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs SQL scripts in an embedded {@link TableEnvironment} with the project's functions registered:
 * queries print their rows as a table, {@code INSERT INTO} statements run as jobs and are waited for, and
 * {@code SET 'key' = 'value'} / {@code RESET 'key'} change the session configuration as in Flink's SQL client.
 *
 * <pre>{@code
 * SqlRunner runner = new SqlRunner(true, Map.of(), vars, System.out);
 * runner.registerFunctions();
 * runner.run(SqlScript.load(Path.of("sql/alerts.sql"), vars));
 * }</pre>
 */
public final class SqlRunner {

    /** Bundled from {@code sql/functions.sql}; registers every UDF (idempotent, IF NOT EXISTS). */
    static final String FUNCTIONS_RESOURCE = "sql/functions.sql";

    private static final String QUOTED = "('(?:[^']|'')*')";
    private static final Pattern SET = Pattern.compile("(?is)SET\\s+" + QUOTED + "\\s*=\\s*" + QUOTED);
    private static final Pattern RESET = Pattern.compile("(?is)RESET\\s+" + QUOTED);

    private final TableEnvironment tableEnv;
    private final Map<String, String> vars;
    private final PrintStream out;

    public SqlRunner(boolean batch, Map<String, String> settings, Map<String, String> vars, PrintStream out) {
        EnvironmentSettings environment = batch ? EnvironmentSettings.inBatchMode() : EnvironmentSettings.inStreamingMode();
        this.tableEnv = TableEnvironment.create(environment);
        settings.forEach((key, value) -> tableEnv.getConfig().getConfiguration().setString(key, value));
        this.vars = vars;
        this.out = out;
    }

    public TableEnvironment tableEnvironment() {
        return tableEnv;
    }

    /** Registers the bundled functions, if this build bundles them. */
    public void registerFunctions() throws IOException {
        Optional<SqlScript> functions = bundledFunctions(vars);
        if (functions.isPresent()) {
            run(functions.get());
        }
    }

    /** {@code sql/functions.sql} as bundled in this build's jar, if it is. */
    public static Optional<SqlScript> bundledFunctions(Map<String, String> vars) throws IOException {
        try (InputStream in = SqlRunner.class.getClassLoader().getResourceAsStream(FUNCTIONS_RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(SqlScript.parse(FUNCTIONS_RESOURCE, text, vars));
        }
    }

    /** Runs every statement in order; a failing statement stops the script with its location. */
    public void run(SqlScript script) {
        for (SqlScript.Statement statement : script.statements()) {
            execute(statement);
        }
    }

    private void execute(SqlScript.Statement statement) {
        try {
            if (applySetting(statement.sql())) {
                return;
            }
            TableResult result = tableEnv.executeSql(statement.sql());
            if (isQuery(statement.sql()) || result.getJobClient().isEmpty()
                    && result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT) {
                // Queries, SHOW, DESCRIBE, EXPLAIN: rows as a table.
                print(result);
            } else if (result.getJobClient().isPresent()) {
                // INSERT INTO: a job; bounded ones end, unbounded ones run until cancelled.
                result.await();
            }
        } catch (Exception e) {
            throw new SqlStatementException(statement, e);
        }
    }

    /**
     * {@code SET 'key' = 'value'} and {@code RESET 'key'}, which Flink's SQL client handles itself and
     * {@link TableEnvironment#executeSql} rejects: applied to this runner's table configuration.
     *
     * @return whether {@code sql} was one of them
     */
    private boolean applySetting(String sql) {
        Matcher set = SET.matcher(sql);
        if (set.matches()) {
            String key = unquote(set.group(1));
            if (key.equals("execution.runtime-mode")) {
                throw new IllegalArgumentException("the runtime mode is chosen with --mode batch|streaming, not SET");
            }
            tableEnv.getConfig().getConfiguration().setString(key, unquote(set.group(2)));
            return true;
        }
        Matcher reset = RESET.matcher(sql);
        if (reset.matches()) {
            tableEnv.getConfig().getConfiguration().removeKey(unquote(reset.group(1)));
            return true;
        }
        return false;
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("''", "'");
    }

    private void print(TableResult result) {
        PrintStream previous = System.out;
        // TableResult.print writes to System.out; send it where this runner prints.
        System.setOut(out);
        try {
            result.print();
        } finally {
            System.setOut(previous);
        }
    }

    private static boolean isQuery(String sql) {
        String head = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("VALUES");
    }

    /** A statement that Flink rejected or that failed while running, with its file and line. */
    public static final class SqlStatementException extends RuntimeException {
        SqlStatementException(SqlScript.Statement statement, Throwable cause) {
            super(statement.location() + ": " + firstLine(rootMessage(cause)), cause);
        }

        private static String rootMessage(Throwable t) {
            String message = t.getMessage();
            for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
                if (c.getMessage() != null && (message == null || c instanceof org.apache.flink.table.api.ValidationException
                        || c.getClass().getName().contains("SqlParse"))) {
                    message = c.getMessage();
                }
                t = c;
            }
            return message == null ? t.getClass().getSimpleName() : message;
        }

        private static String firstLine(String message) {
            return List.of(message.split("\\R")).stream().filter(l -> !l.isBlank()).findFirst().orElse(message);
        }
    }
}
