package io.llmeval.report;

/** An input the report cannot be made from (exit code 3, its message the one line on stderr). */
public final class UnusableInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnusableInputException(String message) {
        super(message);
    }
}
