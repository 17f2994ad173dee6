package io.llmeval.jobs.pipeline;

import java.util.Objects;

/**
 * What the windows need to know about one request: its key, event time, numbers and scores, without
 * the prompt, response and reference texts. Records are scored before the shuffle and reduced to this,
 * so the network and window state carry about a tenth of the bytes.
 */
public class RequestFacts {
    public String requestId;
    public String model;
    public String route;
    public long timestampMillis;
    public double latencyMs;
    public Double ttftMs;
    public Long inputTokens;
    public Long outputTokens;
    public boolean error;
    public String traceId;
    /** {@code null} when the record had no reference to score against. */
    public Double hallucinationScore;
    public boolean hallucinated;
    public Double rougeLF;
    /** What the request cost in pico-USD (10⁻¹² USD) under the price table; {@code null} when unpriced. */
    public Long costPicoUsd;
    /** Where the record came from ({@code path:line} or {@code topic-partition@offset}). */
    public String source;

    public RequestFacts() {}

    public boolean scored() {
        return hallucinationScore != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestFacts that
                && timestampMillis == that.timestampMillis
                && Double.compare(latencyMs, that.latencyMs) == 0
                && error == that.error
                && hallucinated == that.hallucinated
                && Objects.equals(requestId, that.requestId)
                && Objects.equals(model, that.model)
                && Objects.equals(route, that.route)
                && Objects.equals(ttftMs, that.ttftMs)
                && Objects.equals(inputTokens, that.inputTokens)
                && Objects.equals(outputTokens, that.outputTokens)
                && Objects.equals(traceId, that.traceId)
                && Objects.equals(hallucinationScore, that.hallucinationScore)
                && Objects.equals(rougeLF, that.rougeLF)
                && Objects.equals(costPicoUsd, that.costPicoUsd)
                && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, model, route, timestampMillis);
    }

    @Override
    public String toString() {
        return "RequestFacts{" + requestId + " @" + timestampMillis + " " + model + "/" + route + "}";
    }
}
