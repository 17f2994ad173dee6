package io.llmeval.jobs.pipeline;

import io.llmeval.jobs.drift.DriftConfig;
import io.llmeval.jobs.inference.InferenceSettings;
import io.llmeval.jobs.otel.OtelConfig;
import io.llmeval.jobs.schema.FieldMap;
import io.llmeval.jobs.schema.InputFormat;
import io.llmeval.jobs.schema.InputSettings;
import io.llmeval.jobs.schema.ParserLimits;
import io.llmeval.udfs.cost.PriceTable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The pipeline's settings, read once from a Flink {@link ReadableConfig} (defaults in {@link PipelineOptions}).
 *
 * @param windowSize length of the metric windows
 * @param windowSlide slide of sliding windows, or {@code null} for tumbling windows
 * @param outOfOrderness bounded out-of-orderness of the watermark
 * @param idleness idle-source timeout of the watermark
 * @param allowedLateness lateness during which windows are updated
 * @param parserLimits record-size and dead-letter bounds, and what dead letters keep of the text
 * @param prometheusMaxKeys label-cardinality cap of the exported gauges
 * @param scoring hallucination scoring of records with a reference
 * @param drift drift against a reference dataset, or {@code null} without one
 * @param timeRange event times kept; {@link TimeRange#ALL} for every record
 * @param input input format, field map and span settings
 * @param prices price table of the cost columns
 */
public record PipelineConfig(
        Duration windowSize,
        Duration windowSlide,
        Duration outOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        ParserLimits parserLimits,
        int prometheusMaxKeys,
        ScoringConfig scoring,
        DriftConfig drift,
        TimeRange timeRange,
        InputSettings input,
        PriceTable prices) implements Serializable {

    public PipelineConfig {
        requirePositive(windowSize, PipelineOptions.WINDOW_SIZE.key());
        if (windowSlide != null) {
            requirePositive(windowSlide, PipelineOptions.WINDOW_SLIDE.key());
        }
        if (outOfOrderness.isNegative() || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("out-of-orderness and allowed lateness must not be negative");
        }
        requirePositive(idleness, PipelineOptions.IDLENESS.key());
        if (prometheusMaxKeys < 1) {
            throw new IllegalArgumentException(PipelineOptions.PROMETHEUS_MAX_KEYS.key() + " must be >= 1");
        }
    }

    public static PipelineConfig defaults() {
        return from(new Configuration());
    }

    public static PipelineConfig from(ReadableConfig config) {
        return new PipelineConfig(
                config.get(PipelineOptions.WINDOW_SIZE),
                config.getOptional(PipelineOptions.WINDOW_SLIDE).orElse(null),
                config.get(PipelineOptions.OUT_OF_ORDERNESS),
                config.get(PipelineOptions.IDLENESS),
                config.get(PipelineOptions.ALLOWED_LATENESS),
                new ParserLimits(
                        config.get(PipelineOptions.MAX_RECORD_BYTES),
                        config.get(PipelineOptions.DEAD_LETTER_MAX_CHARS),
                        ParserLimits.DEFAULTS.maxNestingDepth(),
                        config.get(PrivacyOptions.DEAD_LETTER_RAW)),
                config.get(PipelineOptions.PROMETHEUS_MAX_KEYS),
                ScoringConfig.from(config, InferenceSettings.from(config)),
                DriftConfig.from(config, InferenceSettings.from(config)),
                TimeRange.parse(config.getOptional(PipelineOptions.TIME_RANGE_FROM).orElse(null),
                        config.getOptional(PipelineOptions.TIME_RANGE_TO).orElse(null)),
                new InputSettings(InputFormat.fromId(config.get(PipelineOptions.INPUT_FORMAT)),
                        config.getOptional(PipelineOptions.FIELD_MAP).map(PipelineConfig::fieldMap).orElse(null),
                        OtelConfig.from(config)),
                config.getOptional(PipelineOptions.PRICES_FILE).map(PipelineConfig::prices).orElseGet(PriceTable::defaults));
    }

    /** Spans in (OTLP input): the pipeline adds the stage breakdown. */
    public boolean spans() {
        return input.format() == InputFormat.OTLP_JSON;
    }

    private static FieldMap fieldMap(String file) {
        try {
            return FieldMap.load(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PriceTable prices(String file) {
        try {
            return PriceTable.load(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requirePositive(Duration duration, String key) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + duration);
        }
    }
}
