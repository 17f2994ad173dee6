package io.llmeval.jobs;

import io.llmeval.jobs.pipeline.PipelineConfig;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * Everything one run of the evaluation job needs, parsed once from the command line.
 *
 * @param mode STREAMING for {@code stream} and {@code demo}, BATCH for {@code backfill}
 * @param inputs files, directories or globs of JSONL / JSONL.gz logs
 * @param outputDir where {@code windows/}, {@code windows-csv/} and {@code dead-letters/} are written
 * @param monitorInterval watch the inputs for new files at this interval; {@code null} reads them once
 * @param parallelism job parallelism, or {@code null} for the environment's default
 * @param checkpointInterval checkpoint interval in streaming mode (output files are committed on checkpoints)
 * @param flinkConfig pipeline options ({@code llm-eval.*}) and any Flink option given with {@code --conf}
 * @param localPrometheusPorts port (range) of the Prometheus reporter when Flink runs in-process; {@code null} for none
 * @param replayRecordsPerSecond pace the input at this many lines per second (demo); 0 for full speed
 */
public record EvalJobSettings(
        RuntimeExecutionMode mode,
        List<String> inputs,
        String outputDir,
        Duration monitorInterval,
        Integer parallelism,
        Duration checkpointInterval,
        Configuration flinkConfig,
        String localPrometheusPorts,
        double replayRecordsPerSecond) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_PROMETHEUS_PORTS = "9249-9259";

    public PipelineConfig pipeline() {
        return PipelineConfig.from(flinkConfig);
    }
}
