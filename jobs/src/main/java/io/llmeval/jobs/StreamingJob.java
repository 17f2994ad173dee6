package io.llmeval.jobs;

import io.llmeval.jobs.cli.LlmEval;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Flink entry point of the streaming job, for {@code flink run -c io.llmeval.jobs.StreamingJob job.jar ARGS}:
 * the same arguments as {@code llm-eval stream}.
 */
public final class StreamingJob {
    private StreamingJob() {}

    public static void main(String[] args) {
        LlmEval.main(Stream.concat(Stream.of("stream"), Arrays.stream(args)).toArray(String[]::new));
    }
}
