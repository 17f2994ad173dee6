package io.llmeval.cli.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SqlClientTranscript} over output Flink 2.3.0's SQL client printed here (colours included) running a file
 * whose second statement fails, and variants of it.
 */
class SqlClientTranscriptTest {

    private static final String INFO = "\u001B[34;1m[INFO] Execute statement succeeded.\u001B[0m";
    private static final List<String> HEADER = List.of(
            "\u001B[34;1m[INFO] Executing SQL from file.\u001B[0m", "", "Command history file path: /tmp/history");

    @Test
    void theFailedStatementIsTheOneAfterTheLastPromptBeforeTheError() {
        SqlClientTranscript transcript = read(HEADER, List.of(
                "Flink SQL> " + INFO, "",
                "Flink SQL> \u001B[31;1m[ERROR] Could not execute SQL statement. Reason:",
                "org.apache.calcite.sql.validate.SqlValidatorException: Object 'no_such_table' not found\u001B[0m", "",
                "Shutting down the session...", "done."));

        assertThat(transcript.failure()).contains(new SqlClientTranscript.Failure(2, "Object 'no_such_table' not found"));
    }

    @Test
    void coloredPromptsCountAndOnlyTheFirstErrorMatters() {
        // The interactive prompt is green; a later [ERROR] (none in -f, which stops) must not move the failure.
        SqlClientTranscript transcript = read(HEADER, List.of(
                "\u001B[32mFlink SQL\u001B[0m> " + INFO,
                "\u001B[32mFlink SQL\u001B[0m> " + INFO,
                "\u001B[32mFlink SQL\u001B[0m> ",
                "> SELECT x", "> FROM t;",
                "\u001B[31;1m[ERROR] Could not execute SQL statement. Reason:",
                "org.apache.flink.sql.parser.impl.ParseException: Encountered \"FROM\" at line 2, column 1.",
                "Flink SQL> \u001B[31;1m[ERROR] Could not execute SQL statement. Reason:", "java.lang.Other: later"));

        assertThat(transcript.failure()).contains(
                new SqlClientTranscript.Failure(3, "Encountered \"FROM\" at line 2, column 1."));
    }

    @Test
    void aFileThatRanThroughHasNoFailure() {
        SqlClientTranscript transcript = read(HEADER, List.of(
                "Flink SQL> " + INFO, "", "Flink SQL> [INFO] Complete execution of the SQL update statement.", "",
                "Flink SQL> +----+", "| id |", "+----+", "|  1 |", "+----+", "1 row in set", "", "Flink SQL> ",
                "Shutting down the session...", "done."));

        assertThat(transcript.failure()).isEmpty();
    }

    @Test
    void anErrorWithoutAReasonStillNamesItsStatement() {
        SqlClientTranscript transcript = read(HEADER, List.of("Flink SQL> [ERROR] Could not execute SQL statement."));

        assertThat(transcript.failure()).contains(new SqlClientTranscript.Failure(1, ""));
    }

    private static SqlClientTranscript read(List<String> header, List<String> lines) {
        SqlClientTranscript transcript = new SqlClientTranscript();
        header.forEach(transcript::accept);
        lines.forEach(transcript::accept);
        return transcript;
    }
}
