package io.llmeval.cli.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL file split into statements, each with the line it starts on, and with its {@code ${NAME}}
 * placeholders substituted.
 *
 * <pre>{@code
 * SqlScript script = SqlScript.load(Path.of("sql/alerts.sql"), Map.of("OUTPUT_PATH", "/tmp/out"));
 * for (SqlScript.Statement s : script.statements()) { tableEnv.executeSql(s.sql()); }
 * }</pre>
 *
 * <p>Statements end at a {@code ;} outside quotes and comments ({@code --} to end of line, and block comments).
 */
public final class SqlScript {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** One statement: its text (without the trailing ';') and where it starts. */
    public record Statement(String origin, int line, String sql) {
        public String location() {
            return origin + ":" + line;
        }
    }

    private final List<Statement> statements;

    private SqlScript(List<Statement> statements) {
        this.statements = statements;
    }

    public List<Statement> statements() {
        return statements;
    }

    public static SqlScript load(Path file, Map<String, String> vars) throws IOException {
        return parse(file.toString(), Files.readString(file), vars);
    }

    /**
     * Splits {@code text} into statements and substitutes placeholders.
     *
     * @throws IllegalArgumentException naming {@code origin:line} when a placeholder has no value
     */
    public static SqlScript parse(String origin, String text, Map<String, String> vars) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                continue;
            }
            if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? text.length() : end + 2;
                line += count(text, i, stop, '\n');
                i = stop;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(text, i, c);
                if (startLine < 0) {
                    startLine = line;
                }
                current.append(text, i, end);
                line += count(text, i, end, '\n');
                i = end;
                continue;
            }
            if (c == ';') {
                add(statements, origin, startLine, current, vars);
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            }
            if (!Character.isWhitespace(c) && startLine < 0) {
                startLine = line;
            }
            if (c == '\n') {
                line++;
            }
            current.append(c);
            i++;
        }
        add(statements, origin, startLine, current, vars);
        return new SqlScript(statements);
    }

    private static void add(List<Statement> statements, String origin, int line, StringBuilder sql,
                            Map<String, String> vars) {
        String text = sql.toString().strip();
        if (!text.isEmpty()) {
            statements.add(new Statement(origin, line, substitute(text, vars, origin, line)));
        }
    }

    private static String substitute(String sql, Map<String, String> vars, String origin, int line) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(origin + ":" + line + ": no value for ${" + m.group(1)
                        + "}; pass --var " + m.group(1) + "=...");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int closingQuote(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                // A doubled quote is an escaped quote inside the literal.
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int count(String text, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
