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

    /**
     * Runs the job and returns; never calls {@code System.exit}, because in application mode (Kubernetes
     * operator, {@code standalone-job}) this {@code main} runs inside the JobManager.
     */
    public static void main(String[] args) {
        int code = LlmEval.execute(Stream.concat(Stream.of("stream"), Arrays.stream(args)).toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("llm-eval stream failed with exit code " + code + " (reason on stderr)");
        }
    }
}
