package io.llmeval.jobs;

import io.llmeval.jobs.cli.LlmEvalJobs;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Flink entry point of the batch backfill, for {@code flink run -c io.llmeval.jobs.BackfillJob job.jar ARGS}:
 * the same arguments as {@code llm-eval backfill}.
 */
public final class BackfillJob {
    private BackfillJob() {}

    /** Runs the job and returns (see {@link LlmEvalJobs#main}); a failure is an exception, never {@code System.exit}. */
    public static void main(String[] args) {
        LlmEvalJobs.main(Stream.concat(Stream.of("backfill"), Arrays.stream(args)).toArray(String[]::new));
    }
}
