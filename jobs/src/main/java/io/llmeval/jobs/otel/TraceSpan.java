package io.llmeval.jobs.otel;

import java.util.Objects;

/**
 * What the stage breakdown needs of one OpenTelemetry span: its place in the trace, its name and stage, its times;
 * for a GenAI request span also the key it is windowed under. Ids are lower-case hex. A Flink POJO.
 */
public class TraceSpan {
    public String traceId;
    public String spanId;
    /** {@code null} for a root span. */
    public String parentSpanId;
    public String name;
    /** The stage the span's name maps to ({@link OtelConfig#stageOf}); {@code null} when it maps to none. */
    public String stage;
    public long startNanos;
    public long endNanos;
    /** A GenAI request span (it has {@code gen_ai.request.model}): a record of the windows. */
    public boolean request;
    /** Request spans only: the window key. */
    public String model;
    public String route;
    /** {@code path:line#index} of the span in its document. */
    public String source;

    public TraceSpan() {}

    public long durationNanos() {
        return endNanos - startNanos;
    }

    public long startMillis() {
        return Math.floorDiv(startNanos, 1_000_000L);
    }

    /** The end in milliseconds, rounded up: a timer at it fires once the whole span is behind the watermark. */
    public long endMillisCeil() {
        return Math.floorDiv(endNanos + 999_999L, 1_000_000L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceSpan that
                && startNanos == that.startNanos && endNanos == that.endNanos && request == that.request
                && Objects.equals(traceId, that.traceId) && Objects.equals(spanId, that.spanId)
                && Objects.equals(parentSpanId, that.parentSpanId) && Objects.equals(name, that.name)
                && Objects.equals(stage, that.stage) && Objects.equals(model, that.model)
                && Objects.equals(route, that.route) && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traceId, spanId);
    }

    @Override
    public String toString() {
        return "TraceSpan{" + traceId + "/" + spanId + " <- " + parentSpanId + " '" + name + "'"
                + (request ? " request " + model + "/" + route : stage == null ? "" : " stage " + stage) + "}";
    }
}
