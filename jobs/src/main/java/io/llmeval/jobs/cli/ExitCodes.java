package io.llmeval.jobs.cli;

/** Exit codes of {@code llm-eval}: the CLI contract's "0 on success, non-zero with a one-line reason". */
public final class ExitCodes {
    public static final int OK = 0;
    /** The job or command failed while running. */
    public static final int FAILED = 1;
    /** Unusable arguments: unknown option, bad value, missing required option. */
    public static final int USAGE = 2;
    /** Unusable inputs: a path that does not exist, a glob matching nothing, unreadable data. */
    public static final int BAD_INPUT = 3;

    private ExitCodes() {}
}
