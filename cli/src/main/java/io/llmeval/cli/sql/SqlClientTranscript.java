package io.llmeval.cli.sql;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what Flink's SQL client prints while it runs a file ({@code -f}, or an {@code -i} init file, whose
 * output the client logs): it shows its prompt once before each statement it reads, and after a failed
 * statement prints {@code [ERROR] Could not execute SQL statement. Reason:} with the cause on the next line,
 * then stops the file — yet exits 0. Feeding it the output line by line tells which statement failed and why.
 *
 * <pre>{@code
 * SqlClientTranscript transcript = new SqlClientTranscript();
 * output.lines().forEach(transcript::accept);
 * transcript.failure().ifPresent(f -> System.err.println("statement " + f.statement() + ": " + f.reason()));
 * }</pre>
 */
public final class SqlClientTranscript {

    /** The client's prompt ({@code CliClient.NEWLINE_PROMPT} without its colours). */
    static final String PROMPT = "Flink SQL> ";
    static final String ERROR = "[ERROR] ";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    /** A fully qualified exception class before the message: {@code org.apache.flink...ValidationException: }. */
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("^(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*: ");

    /**
     * The first statement that failed.
     *
     * @param statement its number in the file, from 1
     * @param reason the client's reason, without the exception's class name; empty when it gave none
     */
    public record Failure(int statement, String reason) {}

    private int prompts;
    private int failedStatement;
    private String reason;
    private boolean awaitingReason;

    /** One line of the client's output, colours and all. */
    public void accept(String line) {
        String text = ANSI.matcher(line).replaceAll("");
        if (failedStatement > 0) {
            if (awaitingReason && !text.isBlank()) {
                reason = EXCEPTION_CLASS.matcher(text.strip()).replaceFirst("");
                awaitingReason = false;
            }
            return;
        }
        int error = text.indexOf(ERROR);
        prompts += count(error < 0 ? text : text.substring(0, error), PROMPT);
        if (error >= 0) {
            failedStatement = Math.max(prompts, 1);
            reason = "";
            awaitingReason = text.endsWith("Reason:");
        }
    }

    public Optional<Failure> failure() {
        return failedStatement > 0 ? Optional.of(new Failure(failedStatement, reason)) : Optional.empty();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
