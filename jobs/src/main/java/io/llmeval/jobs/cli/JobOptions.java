package io.llmeval.jobs.cli;

import io.llmeval.jobs.EvalJobSettings;
import io.llmeval.jobs.alerts.AlertConfig;
import io.llmeval.jobs.drift.DriftOptions;
import io.llmeval.jobs.drift.ReferencePreparation;
import io.llmeval.jobs.pipeline.PipelineConfig;
import io.llmeval.jobs.pipeline.PipelineOptions;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options shared by {@code stream}, {@code backfill} and {@code demo}: windows, watermarks, parallelism. */
public class JobOptions {

    @Option(names = "--window", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Window length (default: 1min).")
    Duration window;

    @Option(names = "--slide", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Slide for sliding windows (default: tumbling).")
    Duration slide;

    @Option(names = "--out-of-orderness", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Bounded out-of-orderness of event time (default: 30s).")
    Duration outOfOrderness;

    @Option(names = "--allowed-lateness", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Late records within this still update their window (default: 0).")
    Duration allowedLateness;

    @Option(names = "--idleness", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Idle-source timeout of the watermark (default: 1min).")
    Duration idleness;

    @Option(names = "--parallelism", paramLabel = "N", description = "Job parallelism (default: Flink's).")
    Integer parallelism;

    @Option(names = "--prometheus-port", paramLabel = "PORT[-PORT]",
            description = "Port (range) of the in-process Prometheus reporter (default: 9249-9259); 'none' to disable.")
    String prometheusPort = EvalJobSettings.DEFAULT_PROMETHEUS_PORTS;

    @Option(names = "--reference", paramLabel = "PATH",
            description = {"Drift reference: a directory from 'llm-eval reference build', or a JSON-lines file of log "
                    + "records or {\"text\": ...} lines, embedded at start-up into OUTPUT/reference/.",
                "Adds OUTPUT/drift/ (a verdict per model, route and 5-minute window) and the drift gauges."})
    Path reference;

    @Option(names = "--input-format", paramLabel = "jsonl|otlp-json",
            description = {"What each input line or Kafka record is (default: jsonl): a log record of schema v1, or an",
                "OTLP/JSON ExportTraceServiceRequest of OpenTelemetry spans (adds OUTPUT/stages/, docs/otel.md)."})
    String inputFormat;

    @Option(names = "--field-map", paramLabel = "FILE",
            description = "Read your own JSON records: a JSON file of schema-v1 field -> JSON Pointer (docs/field-maps/).")
    String fieldMap;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Price table (YAML or JSON) of the cost columns (default: the example flink-conf/prices.yaml; docs/cost.md).")
    String prices;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "Any llm-eval.* or Flink option, e.g. --conf llm-eval.prometheus.max-keys=20.")
    Map<String, String> conf = new LinkedHashMap<>();

    Configuration flinkConfig() {
        Configuration config = Configuration.fromMap(conf);
        if (window != null) {
            config.set(PipelineOptions.WINDOW_SIZE, window);
        }
        if (slide != null) {
            config.set(PipelineOptions.WINDOW_SLIDE, slide);
        }
        if (outOfOrderness != null) {
            config.set(PipelineOptions.OUT_OF_ORDERNESS, outOfOrderness);
        }
        if (allowedLateness != null) {
            config.set(PipelineOptions.ALLOWED_LATENESS, allowedLateness);
        }
        if (idleness != null) {
            config.set(PipelineOptions.IDLENESS, idleness);
        }
        if (inputFormat != null) {
            config.set(PipelineOptions.INPUT_FORMAT, inputFormat);
        }
        if (fieldMap != null) {
            config.set(PipelineOptions.FIELD_MAP, fieldMap);
        }
        if (prices != null) {
            config.set(PipelineOptions.PRICES_FILE, prices);
        }
        PipelineConfig.from(config); // validates now, so a bad value is a usage error, not a job failure
        AlertConfig.from(config);
        return config;
    }

    /** The drift reference given with {@code --reference}, or {@code null}. */
    public Path reference() {
        return reference;
    }

    /** Commands with their own defaults (the demo: parallelism 1, the generator's reference) set them here. */
    public void defaultsUnlessGiven(int defaultParallelism, Path defaultReference) {
        if (parallelism == null) {
            parallelism = defaultParallelism;
        }
        if (reference == null) {
            reference = defaultReference;
        }
    }

    public EvalJobSettings settings(RuntimeExecutionMode mode, List<String> inputs, String outputDir,
                             Duration monitorInterval, Duration checkpointInterval, double replayRate) {
        return settings(mode, inputs, outputDir, monitorInterval, checkpointInterval, replayRate,
                outputDir + "/" + ReferencePreparation.BUILT_REFERENCE_DIR);
    }

    /** The settings, a JSON-lines {@code --reference} embedded into {@code referenceBuildDir}. */
    public EvalJobSettings settings(RuntimeExecutionMode mode, List<String> inputs, String outputDir,
                                    Duration monitorInterval, Duration checkpointInterval, double replayRate,
                                    String referenceBuildDir) {
        Configuration config = flinkConfig();
        if (reference != null) {
            // Only now, when the command runs: a JSON-lines reference is embedded here, which takes a while.
            try {
                config.set(DriftOptions.REFERENCE,
                        ReferencePreparation.prepare(reference, config, referenceBuildDir, System.err).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new EvalJobSettings(mode, new ArrayList<>(inputs), outputDir, monitorInterval, parallelism,
                checkpointInterval, config,
                "none".equalsIgnoreCase(prometheusPort) ? null : prometheusPort, replayRate);
    }
}
