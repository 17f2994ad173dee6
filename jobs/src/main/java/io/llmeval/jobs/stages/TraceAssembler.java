package io.llmeval.jobs.stages;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmeval.jobs.otel.TraceSpan;
import io.llmeval.jobs.schema.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assembles the spans of one trace (keyed by trace id) into per-request stage samples, in event time.
 *
 * <ul>
 *   <li>A GenAI request span sets a timer at its end. When the watermark passes it, every span that started by
 *       then has arrived (spans arrive with their start as event time), so the request's stages are decided: the
 *       stage spans whose nearest request ancestor (by parent span id) is this request and that started before it
 *       ended. One {@link StageSample} per stage goes out; the request and its descendants leave the state.
 *   <li>Every other span sets a timer at its end + {@code traceTimeout}. If by then no request span claims it (its
 *       request span never came: an incomplete trace), a stage span becomes the dead letter {@code incomplete_trace}
 *       ({@link #INCOMPLETE}) and a span of no stage is counted ({@code spans_unstaged}); while a request ancestor
 *       is still waiting in the state, the span waits with it.
 *   <li>A span id seen again in its trace is the dead letter {@code duplicate_span}.
 * </ul>
 *
 * <p>The state is the trace's open spans; it is empty once every timer has fired. Spans that arrive after their
 * request's timer fired (later than the watermark's out-of-orderness) are incomplete in streaming mode only.
 */
public class TraceAssembler extends KeyedProcessFunction<String, TraceSpan, StageSample> {

    public static final OutputTag<DeadLetter> INCOMPLETE = new OutputTag<>("incomplete-traces") {};

    private final long traceTimeoutMillis;
    private final int maxDeadLetterChars;

    private transient MapState<String, TraceSpan> spans;
    private transient Counter stageSpansAttributed;
    private transient Counter spansUnstaged;
    private transient Counter incompleteTraceSpans;

    public TraceAssembler(long traceTimeoutMillis, int maxDeadLetterChars) {
        this.traceTimeoutMillis = traceTimeoutMillis;
        this.maxDeadLetterChars = maxDeadLetterChars;
    }

    @Override
    public void open(OpenContext context) {
        spans = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("open-spans", Types.STRING, TypeInformation.of(TraceSpan.class)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("llm_eval");
        stageSpansAttributed = metrics.counter("stage_spans_attributed");
        spansUnstaged = metrics.counter("spans_unstaged");
        incompleteTraceSpans = metrics.counter("incomplete_trace_spans");
    }

    @Override
    public void processElement(TraceSpan span, Context ctx, Collector<StageSample> out) throws Exception {
        if (spans.contains(span.spanId)) {
            ctx.output(INCOMPLETE, deadLetter("duplicate_span", span));
            return;
        }
        spans.put(span.spanId, span);
        ctx.timerService().registerEventTimeTimer(span.request
                ? span.endMillisCeil()
                : span.endMillisCeil() + traceTimeoutMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StageSample> out) throws Exception {
        // Requests ending by now, in span-id order so that the output does not depend on the state's iteration order.
        Map<String, TraceSpan> open = new TreeMap<>();
        for (Map.Entry<String, TraceSpan> entry : spans.entries()) {
            open.put(entry.getKey(), entry.getValue());
        }
        for (TraceSpan request : new ArrayList<>(open.values())) {
            if (request.request && request.endMillisCeil() <= timestamp && open.containsKey(request.spanId)) {
                closeRequest(request, open, out);
            }
        }
        for (TraceSpan span : new ArrayList<>(open.values())) {
            if (!span.request && span.endMillisCeil() + traceTimeoutMillis <= timestamp
                    && nearestRequest(span, open) == null) {
                open.remove(span.spanId);
                spans.remove(span.spanId);
                if (span.stage != null) {
                    incompleteTraceSpans.inc();
                    ctx.output(INCOMPLETE, deadLetter("incomplete_trace", span));
                } else {
                    spansUnstaged.inc();
                }
            }
        }
    }

    /** Emits the request's stage samples and removes it and its resolved descendants from the state. */
    private void closeRequest(TraceSpan request, Map<String, TraceSpan> open, Collector<StageSample> out) throws Exception {
        Map<String, List<Long>> byStage = new TreeMap<>();
        List<String> resolved = new ArrayList<>();
        for (TraceSpan span : open.values()) {
            if (span.request || span.startNanos > request.endNanos || nearestRequest(span, open) != request) {
                continue;
            }
            resolved.add(span.spanId);
            if (span.stage != null) {
                byStage.computeIfAbsent(span.stage, s -> new ArrayList<>()).add(span.durationNanos());
                stageSpansAttributed.inc();
            } else {
                spansUnstaged.inc();
            }
        }
        byStage.forEach((stage, durations) -> out.collect(sample(request, stage, durations)));
        resolved.add(request.spanId);
        for (String spanId : resolved) {
            open.remove(spanId);
            spans.remove(spanId);
        }
    }

    /** The closest ancestor of {@code span} that is a request span in the state, or {@code null}. */
    private static TraceSpan nearestRequest(TraceSpan span, Map<String, TraceSpan> open) {
        Set<String> seen = new HashSet<>();
        String parent = span.parentSpanId;
        while (parent != null && seen.add(parent)) {
            TraceSpan ancestor = open.get(parent);
            if (ancestor == null) {
                return null;
            }
            if (ancestor.request) {
                return ancestor;
            }
            parent = ancestor.parentSpanId;
        }
        return null;
    }

    private static StageSample sample(TraceSpan request, String stage, List<Long> durations) {
        StageSample sample = new StageSample();
        sample.model = request.model;
        sample.route = request.route;
        sample.stage = stage;
        sample.traceId = request.traceId;
        sample.requestStartMillis = request.startMillis();
        sample.requestEndMillis = request.endMillisCeil();
        sample.requestLatencyNanos = request.durationNanos();
        sample.durationsNanos = durations.stream().mapToLong(Long::longValue).toArray();
        return sample;
    }

    /** The span as OTLP/JSON (ids, name, times), where it came from, and why it is not in the breakdown. */
    private DeadLetter deadLetter(String reason, TraceSpan span) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("traceId", span.traceId)
                .put("spanId", span.spanId);
        if (span.parentSpanId != null) {
            json.put("parentSpanId", span.parentSpanId);
        }
        json.put("name", span.name)
                .put("startTimeUnixNano", Long.toString(span.startNanos))
                .put("endTimeUnixNano", Long.toString(span.endNanos));
        String raw = json.toString();
        return new DeadLetter(reason, raw.length() <= maxDeadLetterChars ? raw : raw.substring(0, maxDeadLetterChars),
                span.source);
    }
}
