package io.llmeval.jobs.otel;

import io.llmeval.jobs.pipeline.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How OpenTelemetry spans are read (options {@code llm-eval.otel.*}, docs/otel.md).
 *
 * @param routeAttribute span (then resource) attribute holding the route; without it the route is the name of the
 *                       trace's root span
 * @param stageNames span name → stage, the defaults ({@link #DEFAULT_STAGE_NAMES}) with the user's mapping on top;
 *                   names are matched as given, then in lower case
 * @param traceTimeout how long after its window's end a request's stage spans are waited for, and after its own
 *                     end a stage span waits for its request span
 */
public record OtelConfig(String routeAttribute, Map<String, String> stageNames, Duration traceTimeout)
        implements Serializable {

    /** Stages recognised by span name without any mapping (lower-case names). */
    public static final Map<String, String> DEFAULT_STAGE_NAMES = defaultStageNames();

    public OtelConfig {
        if (routeAttribute == null || routeAttribute.isBlank()) {
            throw new IllegalArgumentException(PipelineOptions.OTEL_ROUTE_ATTRIBUTE.key() + " must not be blank");
        }
        if (traceTimeout.isNegative()) {
            throw new IllegalArgumentException(PipelineOptions.TRACE_TIMEOUT.key() + " must not be negative, got " + traceTimeout);
        }
        stageNames = Map.copyOf(stageNames);
    }

    public static OtelConfig from(ReadableConfig config) {
        Map<String, String> names = new LinkedHashMap<>(DEFAULT_STAGE_NAMES);
        config.get(PipelineOptions.OTEL_STAGE_NAMES).forEach((span, stage) -> {
            if (stage.isBlank()) {
                throw new IllegalArgumentException(PipelineOptions.OTEL_STAGE_NAMES.key() + ": span name '" + span
                        + "' maps to an empty stage");
            }
            names.put(span, stage.strip());
        });
        return new OtelConfig(config.get(PipelineOptions.OTEL_ROUTE_ATTRIBUTE), names, config.get(PipelineOptions.TRACE_TIMEOUT));
    }

    /** The stage of a span name, or {@code null} when it names none. */
    public String stageOf(String spanName) {
        if (spanName == null) {
            return null;
        }
        String stage = stageNames.get(spanName);
        return stage != null ? stage : stageNames.get(spanName.toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> defaultStageNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String stage : new String[] {"tokenize", "retrieve", "embed", "queue", "prefill", "inference", "decode",
                "post_process"}) {
            names.put(stage, stage);
        }
        names.put("tokenization", "tokenize");
        names.put("retrieval", "retrieve");
        names.put("embedding", "embed");
        names.put("embeddings", "embed");
        names.put("post-process", "post_process");
        names.put("postprocess", "post_process");
        return Map.copyOf(names);
    }
}
