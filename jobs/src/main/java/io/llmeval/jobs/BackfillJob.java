package io.llmeval.jobs;

import io.llmeval.jobs.cli.LlmEval;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Flink entry point of the batch backfill, for {@code flink run -c io.llmeval.jobs.BackfillJob job.jar ARGS}:
 * the same arguments as {@code llm-eval backfill}.
 */
public final class BackfillJob {
    private BackfillJob() {}

    /**
     * Runs the job and returns; never calls {@code System.exit}, because in application mode (Kubernetes
     * operator, {@code standalone-job}) this {@code main} runs inside the JobManager.
     */
    public static void main(String[] args) {
        int code = LlmEval.execute(Stream.concat(Stream.of("backfill"), Arrays.stream(args)).toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("llm-eval backfill failed with exit code " + code + " (reason on stderr)");
        }
    }
}
