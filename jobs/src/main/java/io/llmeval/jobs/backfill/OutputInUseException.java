package io.llmeval.jobs.backfill;

/** The output directory (or an interrupted run's work beside it) is in the way of the requested run: a usage error. */
public final class OutputInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutputInUseException(String message) {
        super(message);
    }
}
