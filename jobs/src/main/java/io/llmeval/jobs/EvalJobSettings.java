package io.llmeval.jobs;

import io.llmeval.jobs.kafka.KafkaSinkSettings;
import io.llmeval.jobs.kafka.KafkaSourceSettings;
import io.llmeval.jobs.pipeline.PipelineConfig;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * Everything one run of the evaluation job needs, parsed once from the command line.
 *
 * @param mode STREAMING for {@code stream} and {@code demo}, BATCH for {@code backfill}
 * @param inputs files, directories or globs of JSONL / JSONL.gz logs (empty when reading Kafka)
 * @param outputDir where {@code windows/}, {@code windows-csv/}, {@code dead-letters/} and {@code alerts/} are written
 * @param monitorInterval watch the inputs for new files at this interval; {@code null} reads them once
 * @param parallelism job parallelism, or {@code null} for the environment's default
 * @param checkpointInterval checkpoint interval in streaming mode (output files are committed on checkpoints)
 * @param flinkConfig pipeline options ({@code llm-eval.*}) and any Flink option given with {@code --conf}
 * @param localPrometheusPorts port (range) of the Prometheus reporter when Flink runs in-process; {@code null} for none
 * @param replayRecordsPerSecond pace the input at this many lines per second (demo); 0 for full speed
 * @param kafkaSource read request logs from Kafka instead of {@code inputs}; {@code null} for files
 * @param kafkaSinks also write window metrics, dead letters and alert events to Kafka; {@code null} for file outputs only
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
        double replayRecordsPerSecond,
        KafkaSourceSettings kafkaSource,
        KafkaSinkSettings kafkaSinks) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_PROMETHEUS_PORTS = "9249-9259";

    /** Settings of a run over files with file outputs only (no Kafka). */
    public EvalJobSettings(RuntimeExecutionMode mode, List<String> inputs, String outputDir, Duration monitorInterval,
                           Integer parallelism, Duration checkpointInterval, Configuration flinkConfig,
                           String localPrometheusPorts, double replayRecordsPerSecond) {
        this(mode, inputs, outputDir, monitorInterval, parallelism, checkpointInterval, flinkConfig,
                localPrometheusPorts, replayRecordsPerSecond, null, null);
    }

    /** These settings with Kafka as the source ({@code null}: files) and Kafka sinks ({@code null}: none). */
    public EvalJobSettings withKafka(KafkaSourceSettings source, KafkaSinkSettings sinks) {
        return new EvalJobSettings(mode, inputs, outputDir, monitorInterval, parallelism, checkpointInterval,
                flinkConfig, localPrometheusPorts, replayRecordsPerSecond, source, sinks);
    }

    /** These settings with another job parallelism ({@code null}: the environment's default). */
    public EvalJobSettings withParallelism(Integer newParallelism) {
        return new EvalJobSettings(mode, inputs, outputDir, monitorInterval, newParallelism, checkpointInterval,
                flinkConfig, localPrometheusPorts, replayRecordsPerSecond, kafkaSource, kafkaSinks);
    }

    public PipelineConfig pipeline() {
        return PipelineConfig.from(flinkConfig);
    }
}
