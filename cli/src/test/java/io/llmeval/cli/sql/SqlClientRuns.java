package io.llmeval.cli.sql;

import io.llmeval.cli.CliRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: {@code llm-eval sql-client} in-process, and the tables Flink prints (tableau result mode). */
final class SqlClientRuns {

    private SqlClientRuns() {}

    /** {@code llm-eval sql-client --work-dir WORKDIR ARGS} in-process (the client itself is a child JVM). */
    static CliRun sqlClient(Path workDir, List<String> args) {
        List<String> all = new ArrayList<>(List.of("sql-client", "--work-dir", workDir.toString()));
        all.addAll(args);
        return SqlFiles.llmEval(all);
    }

    /** {@link SqlFiles#initArgs()}, then {@code -f sql/alerts.sql --mode MODE}, each of VARS as {@code --var}. */
    static List<String> alertsArgs(String mode, String... vars) {
        List<String> args = new ArrayList<>(SqlFiles.initArgs());
        args.addAll(List.of("-f", SqlFiles.sql("alerts.sql"), "--mode", mode));
        for (String var : vars) {
            args.addAll(List.of("--var", var));
        }
        return args;
    }

    /**
     * The data rows of every table in printed output, table by table: each row as its trimmed cells joined by
     * '|' (column widths differ between printers). A table ends with its "N rows in set" or "Empty set" line.
     */
    static List<List<String>> tables(String output) {
        List<List<String>> tables = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        boolean header = true;
        for (String line : output.lines().toList()) {
            if (line.startsWith("|")) {
                if (header) {
                    header = false;
                } else {
                    rows.add(cells(line));
                }
            } else if (line.matches("(\\d+ rows? in set|Empty set).*")) {
                tables.add(List.copyOf(rows));
                rows.clear();
                header = true;
            }
        }
        return tables;
    }

    private static String cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return String.join("|", List.of(inner.split("\\|", -1)).stream().map(String::strip).toList());
    }
}
