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

    public static void main(String[] args) {
        LlmEval.main(Stream.concat(Stream.of("backfill"), Arrays.stream(args)).toArray(String[]::new));
    }
}
