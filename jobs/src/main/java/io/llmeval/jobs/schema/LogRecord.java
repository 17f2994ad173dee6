package io.llmeval.jobs.schema;

import java.util.Map;
import java.util.Objects;

/**
 * One validated LLM request/response log record (log schema v1, see {@code docs/log-schema.md}).
 *
 * <p>A Flink POJO: public fields and a no-argument constructor, so it is serialized by Flink's
 * PojoSerializer rather than Kryo. Optional numbers are boxed and {@code null} when absent.
 */
public class LogRecord {
    public String requestId;
    /** Event time, epoch milliseconds UTC. */
    public long timestampMillis;
    public String model;
    public String route;
    public String tenant;
    public String traceId;
    public String spanId;
    public String prompt;
    public String response;
    public String reference;
    public double latencyMs;
    public Double ttftMs;
    public Long inputTokens;
    public Long outputTokens;
    /** Input tokens read from a prompt cache; included in {@link #inputTokens}. */
    public Long cacheReadInputTokens;
    /** Input tokens written to a prompt cache; included in {@link #inputTokens}. */
    public Long cacheWriteInputTokens;
    /** Reasoning tokens; included in {@link #outputTokens}. */
    public Long reasoningOutputTokens;
    /** {@code true} when {@code status} is {@code error}. */
    public boolean error;
    public String errorType;
    public Double meanLogprob;
    public Map<String, String> attributes;
    /** Fields outside schema v1, kept verbatim as a JSON object (or {@code null}). */
    public String extraJson;
    /** Where the record came from: {@code file:line} or {@code topic-partition@offset}. */
    public String source;
    /**
     * cosine(embed(response), embed(reference)), set by the optional semantic scoring stage; not part of
     * the log schema, {@code null} when not computed.
     */
    public Double semanticSimilarity;
    /**
     * The OpenTelemetry span a record came from ({@code --input-format otlp-json}), for the stage breakdown;
     * {@code null} for JSON-lines input. A span that is not a GenAI request travels as a record with only this and
     * its {@link #timestampMillis} set ({@link #isRequest()} false) until the pipeline splits the spans off.
     */
    public io.llmeval.jobs.otel.TraceSpan span;

    public LogRecord() {}

    /** A request for the windows; false only for the non-request spans of OTLP input. */
    public boolean isRequest() {
        return model != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LogRecord that)) {
            return false;
        }
        return timestampMillis == that.timestampMillis
                && Double.compare(latencyMs, that.latencyMs) == 0
                && error == that.error
                && Objects.equals(requestId, that.requestId)
                && Objects.equals(model, that.model)
                && Objects.equals(route, that.route)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(traceId, that.traceId)
                && Objects.equals(spanId, that.spanId)
                && Objects.equals(prompt, that.prompt)
                && Objects.equals(response, that.response)
                && Objects.equals(reference, that.reference)
                && Objects.equals(ttftMs, that.ttftMs)
                && Objects.equals(inputTokens, that.inputTokens)
                && Objects.equals(outputTokens, that.outputTokens)
                && Objects.equals(cacheReadInputTokens, that.cacheReadInputTokens)
                && Objects.equals(cacheWriteInputTokens, that.cacheWriteInputTokens)
                && Objects.equals(reasoningOutputTokens, that.reasoningOutputTokens)
                && Objects.equals(span, that.span)
                && Objects.equals(errorType, that.errorType)
                && Objects.equals(meanLogprob, that.meanLogprob)
                && Objects.equals(attributes, that.attributes)
                && Objects.equals(extraJson, that.extraJson)
                && Objects.equals(source, that.source)
                && Objects.equals(semanticSimilarity, that.semanticSimilarity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, timestampMillis, model, route);
    }

    @Override
    public String toString() {
        return "LogRecord{" + requestId + " @" + timestampMillis + " " + model + "/" + route
                + " latency=" + latencyMs + "ms" + (error ? " error" : "") + "}";
    }
}
