package io.llmeval.jobs;

import io.llmeval.jobs.alerts.AlertConfig;
import io.llmeval.jobs.alerts.AlertEvent;
import io.llmeval.jobs.alerts.AlertStage;
import io.llmeval.jobs.backfill.OutputPolicy;
import io.llmeval.jobs.kafka.KafkaLogSource;
import io.llmeval.jobs.kafka.KafkaOutputs;
import io.llmeval.jobs.metrics.DriftGaugeSink;
import io.llmeval.jobs.metrics.PrometheusGaugeSink;
import io.llmeval.jobs.metrics.StageGaugeSink;
import io.llmeval.jobs.pipeline.EvalPipeline;
import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.schema.RawLine;
import io.llmeval.jobs.sink.FileOutputs;
import io.llmeval.jobs.source.LogSources;
import io.llmeval.jobs.source.ReplayThrottle;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming evaluation job ({@code llm-eval stream}, the demo): files or Kafka → pipeline → file, Prometheus and
 * (optionally) Kafka sinks, reading top to bottom as the data flows. The batch backfill shares its pipeline and sinks
 * in units of work and a merge ({@link Backfill}).
 */
public final class EvalJob {

    private EvalJob() {}

    /**
     * Runs the job to completion (bounded input) or until cancelled (watched directories). In batch mode this is a
     * {@link Backfill} into an empty output, without progress lines.
     */
    public static void run(EvalJobSettings settings, String jobName) throws Exception {
        if (settings.mode() == RuntimeExecutionMode.BATCH) {
            Backfill.prepareOutput(settings.outputDir(), OutputPolicy.FRESH);
            Backfill.run(settings, OutputPolicy.FRESH, progress -> { });
            return;
        }
        StreamExecutionEnvironment env = environment(settings);
        define(env, settings);
        FileOutputs.createLocalDirectories(settings.outputDir());
        env.execute(jobName);
    }

    /** The streams of a defined job, for callers that add sinks of their own (the demo's console). */
    public record Streams(EvalPipeline.Outputs pipeline, DataStream<AlertEvent> alerts) {}

    /** Adds the job's source, pipeline, alerts and file/Prometheus (and Kafka) sinks to {@code env}. */
    public static Streams define(StreamExecutionEnvironment env, EvalJobSettings settings) {
        PipelineConfig config = settings.pipeline();

        // Raw records: JSON lines from files, directory trees or globs (gzip by extension) in path order,
        // or Kafka record values (bytes as they are, position topic-partition@offset). Event time comes after parsing.
        DataStream<RawLine> rawLines = settings.kafkaSource() == null
                ? env.fromSource(
                                LogSources.files(settings.inputs(), config.parserLimits().maxRecordBytes(), settings.monitorInterval()),
                                WatermarkStrategy.noWatermarks(), "log-files")
                        .uid("log-files")
                : env.fromSource(
                                KafkaLogSource.of(settings.kafkaSource(), config.parserLimits().maxRecordBytes()),
                                WatermarkStrategy.noWatermarks(), "kafka-records")
                        .uid("kafka-records");
        if (settings.replayRecordsPerSecond() > 0) {
            // Replays (demo, failover tests): a steady pace per source subtask, so windows close while one
            // watches. Chained to its source subtask, so every partition keeps its subtask and watermark.
            rawLines = rawLines.map(new ReplayThrottle(settings.replayRecordsPerSecond()))
                    .name("replay-throttle").uid("replay-throttle");
        }

        // Parse, validate, window by (model, route); dead letters beside.
        EvalPipeline.Outputs outputs = EvalPipeline.build(rawLines, config);

        // Alerts: sql/alerts.sql's rules on each closed window (and drift window); one firing and one resolved event
        // per incident, written as JSON lines beside the windows and, with Kafka sinks, to the alerts topic.
        DataStream<AlertEvent> alerts = AlertStage.build(outputs.windows(), outputs.driftWindows(), outputs.stages(),
                config, AlertConfig.from(settings.flinkConfig()));

        // Sinks: window metrics as JSON lines and CSV, Prometheus gauges, dead letters as JSON lines.
        outputs.windows().sinkTo(FileOutputs.windowsJson(settings.outputDir())).name("windows-jsonl").uid("windows-jsonl");
        outputs.windows().sinkTo(FileOutputs.windowsCsv(settings.outputDir())).name("windows-csv").uid("windows-csv");
        outputs.windows().sinkTo(new PrometheusGaugeSink(config.prometheusMaxKeys())).name("prometheus-gauges").uid("prometheus-gauges");
        outputs.deadLetters().sinkTo(FileOutputs.deadLetters(settings.outputDir())).name("dead-letters").uid("dead-letters");
        alerts.sinkTo(FileOutputs.alerts(settings.outputDir())).name("alerts-jsonl").uid("alerts-jsonl");

        // With a drift reference: drift verdicts as JSON lines and gauges.
        if (outputs.driftWindows() != null) {
            outputs.driftWindows().sinkTo(FileOutputs.driftJson(settings.outputDir())).name("drift-jsonl").uid("drift-jsonl");
            outputs.driftWindows().sinkTo(new DriftGaugeSink(config.prometheusMaxKeys())).name("drift-gauges").uid("drift-gauges");
        }

        // With span input: the stage breakdown as JSON lines and gauges.
        if (outputs.stages() != null) {
            outputs.stages().sinkTo(FileOutputs.stagesJson(settings.outputDir())).name("stages-jsonl").uid("stages-jsonl");
            outputs.stages().sinkTo(new StageGaugeSink(config.prometheusMaxKeys())).name("stage-gauges").uid("stage-gauges");
        }

        // Kafka: the same window metrics, dead letters and alert events as JSON records, exactly once by default
        // (transactions committed with each checkpoint).
        if (settings.kafkaSinks() != null) {
            KafkaOutputs kafka = new KafkaOutputs(settings.kafkaSinks());
            outputs.windows().sinkTo(kafka.windowMetrics()).name("kafka-metrics").uid("kafka-metrics");
            outputs.deadLetters().sinkTo(kafka.deadLetters()).name("kafka-dead-letters").uid("kafka-dead-letters");
            alerts.sinkTo(kafka.alerts()).name("kafka-alerts").uid("kafka-alerts");
        }
        return new Streams(outputs, alerts);
    }

    /**
     * The execution environment: in-process (a MiniCluster) when run by {@code bin/llm-eval}, the
     * cluster's when submitted with {@code flink run}. The Prometheus reporter settings only matter
     * in-process; a cluster reports through its own {@code config.yaml}.
     */
    public static StreamExecutionEnvironment environment(EvalJobSettings settings) {
        Configuration conf = new Configuration(settings.flinkConfig());
        conf.set(ExecutionOptions.RUNTIME_MODE, settings.mode());
        if (settings.mode() == RuntimeExecutionMode.STREAMING) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        }
        if (settings.parallelism() != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, settings.parallelism());
        }
        if (settings.localPrometheusPorts() != null) {
            conf.addAll(prometheusReporter(settings.localPrometheusPorts()));
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    /**
     * The Prometheus reporter as {@code flink-conf/config.yaml} configures it. Label values are not
     * filtered, so {@code model="llama-3.1-8b-instruct"} keeps its name instead of becoming
     * {@code llama_3_1_8b_instruct}.
     */
    public static Configuration prometheusReporter(String ports) {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", ports);
        conf.setString("metrics.reporter.prom.filterLabelValueCharacters", "false");
        return conf;
    }
}
