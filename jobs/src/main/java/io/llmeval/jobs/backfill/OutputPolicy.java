package io.llmeval.jobs.backfill;

/** What a backfill may do with an output directory that is not empty (the {@code backfill} flags). */
public enum OutputPolicy {
    /** Refuse a non-empty output or an interrupted run's work: nothing is ever silently mixed. */
    FRESH,
    /** {@code --overwrite}: run from scratch, then replace the old output; it stays intact until the new run succeeded. */
    OVERWRITE,
    /** {@code --resume}: finish an interrupted run with the same arguments, reusing its committed units. */
    RESUME
}
